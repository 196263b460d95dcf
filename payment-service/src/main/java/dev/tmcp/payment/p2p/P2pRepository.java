package dev.tmcp.payment.p2p;

import dev.tmcp.core.money.Money;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class P2pRepository {

    private final DatabaseClient db;

    P2pRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the transfer unless the sender already used this idempotency key; returns the stored one. */
    Mono<P2pTransfer> insertOrGet(P2pTransfer t) {
        return db.sql("insert into p2p_transfer (transfer_id, idempotency_key, request_hash, sender_user_id, "
                        + "recipient_user_id, amount_minor, currency, room_id, note, status) values (:id, :key, :hash, "
                        + ":sender, :recipient, :amount, :currency, :room, :note, :status) "
                        + "on conflict (sender_user_id, idempotency_key) do nothing")
                .bind("id", t.transferId()).bind("key", t.idempotencyKey()).bind("hash", t.requestHash())
                .bind("sender", t.senderUserId()).bind("recipient", t.recipientUserId())
                .bind("amount", t.amount().minorUnits()).bind("currency", t.amount().currencyCode())
                .bind("room", nullable(t.roomId())).bind("note", nullable(t.note())).bind("status", t.status())
                .fetch().rowsUpdated()
                .then(db.sql("select * from p2p_transfer where sender_user_id = :sender and idempotency_key = :key")
                        .bind("sender", t.senderUserId()).bind("key", t.idempotencyKey())
                        .map(P2pRepository::map).one());
    }

    Mono<P2pTransfer> find(String transferId) {
        return db.sql("select * from p2p_transfer where transfer_id = :id").bind("id", transferId)
                .map(P2pRepository::map).one();
    }

    Mono<P2pTransfer> findForUpdate(String transferId) {
        return db.sql("select * from p2p_transfer where transfer_id = :id for update").bind("id", transferId)
                .map(P2pRepository::map).one();
    }

    Mono<Long> complete(String transferId, String senderWalletId, String recipientWalletId, String ledgerTxnId,
            String eventId) {
        return db.sql("update p2p_transfer set status = 'completed', sender_wallet_id = :sw, recipient_wallet_id = :rw, "
                        + "ledger_txn_id = :txn, event_id = :event, updated_at = now() "
                        + "where transfer_id = :id and status = 'pending_authorization'")
                .bind("sw", senderWalletId).bind("rw", recipientWalletId).bind("txn", ledgerTxnId)
                .bind("event", eventId).bind("id", transferId)
                .fetch().rowsUpdated();
    }

    private static Parameter nullable(String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }

    private static P2pTransfer map(Readable r) {
        return new P2pTransfer(r.get("transfer_id", String.class), r.get("idempotency_key", String.class),
                r.get("request_hash", String.class), r.get("sender_user_id", String.class),
                r.get("recipient_user_id", String.class),
                Money.ofMinor(r.get("amount_minor", Long.class), r.get("currency", String.class)),
                r.get("room_id", String.class), r.get("note", String.class), r.get("status", String.class),
                r.get("sender_wallet_id", String.class), r.get("recipient_wallet_id", String.class),
                r.get("ledger_txn_id", String.class), r.get("event_id", String.class),
                r.get("created_at", OffsetDateTime.class).toInstant());
    }
}
