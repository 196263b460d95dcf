package dev.tmcp.payment.p2p;

import dev.tmcp.core.id.WalletId;
import dev.tmcp.core.money.Money;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class P2pRepository {

    private final DatabaseClient db;

    P2pRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the transfer unless the sender already used this idempotency key (then it does nothing). */
    Mono<Long> insert(P2pTransfer t) {
        return db.sql("insert into p2p_transfer (transfer_id, idempotency_key, request_hash, sender_user_id, "
                        + "recipient_user_id, amount_minor, currency, room_id, note, status, acceptance_required, "
                        + "recipient_status, recipient_wallet_id, activation_url) values (:id, :key, :hash, :sender, "
                        + ":recipient, :amount, :currency, :room, :note, :status, :acceptance, :rstatus, :rwallet, :url) "
                        + "on conflict (sender_user_id, idempotency_key) do nothing")
                .bind("id", t.transferId()).bind("key", t.idempotencyKey()).bind("hash", t.requestHash())
                .bind("sender", t.senderUserId()).bind("recipient", t.recipientUserId())
                .bind("amount", t.amount().minorUnits()).bind("currency", t.amount().currencyCode())
                .bind("room", nullable(t.roomId())).bind("note", nullable(t.note())).bind("status", t.status().wire())
                .bind("acceptance", t.acceptanceRequired()).bind("rstatus", nullable(t.recipientStatus()))
                .bind("rwallet", nullable(t.recipientWalletId())).bind("url", nullable(t.activationUrl()))
                .fetch().rowsUpdated();
    }

    /** The transfer a sender made under an idempotency key. */
    Mono<P2pTransfer> byKey(String sender, String idempotencyKey) {
        return db.sql("select * from p2p_transfer where sender_user_id = :sender and idempotency_key = :key")
                .bind("sender", sender).bind("key", idempotencyKey)
                .map(P2pRepository::map).one();
    }

    Mono<P2pTransfer> find(String transferId) {
        return db.sql("select * from p2p_transfer where transfer_id = :id").bind("id", transferId)
                .map(P2pRepository::map).one();
    }

    Mono<P2pTransfer> findForUpdate(String transferId) {
        return db.sql("select * from p2p_transfer where transfer_id = :id for update").bind("id", transferId)
                .map(P2pRepository::map).one();
    }

    Mono<Long> complete(String transferId, WalletId senderWalletId, WalletId recipientWalletId, String ledgerTxnId,
            String eventId) {
        return db.sql("update p2p_transfer set status = 'completed', sender_wallet_id = :sw, recipient_wallet_id = :rw, "
                        + "ledger_txn_id = :txn, event_id = :event, updated_at = now() "
                        + "where transfer_id = :id and status = 'pending_authorization'")
                .bind("sw", senderWalletId.value()).bind("rw", recipientWalletId.value()).bind("txn", ledgerTxnId)
                .bind("event", eventId).bind("id", transferId)
                .fetch().rowsUpdated();
    }

    Mono<Long> awaitAcceptance(String transferId, WalletId senderWalletId, String holdId, Instant expiresAt, String eventId) {
        return db.sql("update p2p_transfer set status = 'pending_recipient_acceptance', sender_wallet_id = :sw, "
                        + "hold_id = :hold, expires_at = :expires, event_id = :event, updated_at = now() "
                        + "where transfer_id = :id and status = 'pending_authorization'")
                .bind("sw", senderWalletId.value()).bind("hold", holdId).bind("expires", expiresAt).bind("event", eventId)
                .bind("id", transferId)
                .fetch().rowsUpdated();
    }

    /** Records the decision (accepting, rejecting, expiring) if the transfer still awaits one; 1 when it did. */
    Mono<Long> decide(String transferId, P2pStatus deciding, String reason, String message) {
        return db.sql("update p2p_transfer set status = :deciding, decided_at = now(), reject_reason = :reason, "
                        + "reject_message = :message, updated_at = now() "
                        + "where transfer_id = :id and status = 'pending_recipient_acceptance'")
                .bind("deciding", deciding.wire()).bind("reason", nullable(reason)).bind("message", nullable(message))
                .bind("id", transferId)
                .fetch().rowsUpdated();
    }

    Mono<Long> settle(String transferId, P2pStatus deciding, String ledgerTxnId, WalletId recipientWalletId) {
        return db.sql("update p2p_transfer set status = :settled, ledger_txn_id = :txn, "
                        + "recipient_wallet_id = coalesce(:rw, recipient_wallet_id), updated_at = now() "
                        + "where transfer_id = :id and status = :deciding")
                .bind("settled", deciding.settled().wire()).bind("txn", nullable(ledgerTxnId))
                .bind("rw", nullable(recipientWalletId)).bind("id", transferId).bind("deciding", deciding.wire())
                .fetch().rowsUpdated();
    }

    /** Transfers whose acceptance window has passed; skipped when another instance holds them. */
    Flux<String> expiredForUpdate(int limit) {
        return db.sql("select transfer_id from p2p_transfer where status = 'pending_recipient_acceptance' "
                        + "and expires_at < now() order by expires_at limit :limit for update skip locked")
                .bind("limit", limit)
                .map(r -> r.get("transfer_id", String.class)).all();
    }

    /** Decided transfers left unsettled for longer than a live request would take (a crash mid-settlement). */
    Flux<P2pTransfer> stuck(int limit) {
        return db.sql("select * from p2p_transfer where status in ('accepting', 'rejecting', 'expiring') "
                        + "and decided_at < now() - interval '30 seconds' order by decided_at limit :limit")
                .bind("limit", limit)
                .map(P2pRepository::map).all();
    }

    /** Transfers still awaiting confirmation that were initiated before {@code before}. */
    Flux<P2pTransfer> unconfirmed(Instant before, int limit) {
        return db.sql("select * from p2p_transfer where status = 'pending_authorization' and created_at < :before "
                        + "order by created_at limit :limit")
                .bind("before", before.atOffset(java.time.ZoneOffset.UTC)).bind("limit", limit)
                .map(P2pRepository::map).all();
    }

    /** Ends a transfer nobody confirmed (or whose confirmation moved nothing); 1 when it was still unconfirmed. */
    Mono<Long> expireUnconfirmed(String transferId) {
        return db.sql("update p2p_transfer set status = 'expired', reject_reason = 'authorization_timeout', "
                        + "decided_at = now(), updated_at = now() where transfer_id = :id and status = 'pending_authorization'")
                .bind("id", transferId)
                .fetch().rowsUpdated();
    }

    /** Counts one more failed settlement; emits the count so far. */
    Mono<Integer> settleFailed(String transferId) {
        return db.sql("update p2p_transfer set settle_attempts = settle_attempts + 1 where transfer_id = :id "
                        + "returning settle_attempts")
                .bind("id", transferId)
                .map(r -> r.get("settle_attempts", Integer.class)).one();
    }

    /** An acceptance whose capture the wallet keeps refusing turns into a return of the money to the sender. */
    Mono<Long> giveUpCapture(String transferId) {
        return db.sql("update p2p_transfer set status = 'rejecting', reject_reason = 'capture_refused', updated_at = now() "
                        + "where transfer_id = :id and status = 'accepting'")
                .bind("id", transferId)
                .fetch().rowsUpdated();
    }

    private static Parameter nullable(String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }

    private static Parameter nullable(WalletId value) {
        return nullable(value == null ? null : value.value());
    }

    private static P2pTransfer map(Readable r) {
        return new P2pTransfer(r.get("transfer_id", String.class), r.get("idempotency_key", String.class),
                r.get("request_hash", String.class), r.get("sender_user_id", String.class),
                r.get("recipient_user_id", String.class),
                Money.ofMinor(r.get("amount_minor", Long.class), r.get("currency", String.class)),
                r.get("room_id", String.class), r.get("note", String.class), P2pStatus.fromWire(r.get("status", String.class)),
                walletId(r.get("sender_wallet_id", String.class)), walletId(r.get("recipient_wallet_id", String.class)),
                r.get("ledger_txn_id", String.class), r.get("event_id", String.class),
                instant(r.get("created_at", OffsetDateTime.class)), Boolean.TRUE.equals(r.get("acceptance_required", Boolean.class)),
                r.get("recipient_status", String.class), r.get("hold_id", String.class),
                instant(r.get("expires_at", OffsetDateTime.class)), instant(r.get("decided_at", OffsetDateTime.class)),
                r.get("reject_reason", String.class), r.get("activation_url", String.class));
    }

    private static WalletId walletId(String value) {
        return value == null ? null : new WalletId(value);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
