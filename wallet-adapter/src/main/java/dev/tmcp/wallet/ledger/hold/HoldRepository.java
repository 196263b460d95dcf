package dev.tmcp.wallet.ledger.hold;

import dev.tmcp.core.money.Money;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class HoldRepository {

    private static final String SELECT = "select h.hold_id, h.reference, h.wallet_id, w.user_id, h.purpose, h.currency, "
            + "h.amount_minor, a.balance_minor from hold h join wallet w on w.wallet_id = h.wallet_id "
            + "join ledger_account a on a.account_id = 'hold:' || h.hold_id ";

    private final DatabaseClient db;

    HoldRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Records the hold unless its reference exists; returns whether this call inserted it. */
    Mono<Boolean> insert(String holdId, String reference, String walletId, String purpose, Money amount) {
        return db.sql("insert into hold (hold_id, reference, wallet_id, purpose, currency, amount_minor) "
                        + "values (:id, :ref, :wallet, :purpose, :currency, :amount) on conflict (reference) do nothing")
                .bind("id", holdId).bind("ref", reference).bind("wallet", walletId).bind("purpose", purpose)
                .bind("currency", amount.currencyCode()).bind("amount", amount.minorUnits())
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<Hold> byReference(String reference) {
        return db.sql(SELECT + "where h.reference = :ref").bind("ref", reference).map(HoldRepository::map).one();
    }

    Mono<Hold> byId(String holdId) {
        return db.sql(SELECT + "where h.hold_id = :id").bind("id", holdId).map(HoldRepository::map).one();
    }

    /** Serializes settlements of one hold, so "what remains" is read and spent by one caller at a time. */
    Mono<Hold> lock(String holdId) {
        return db.sql("select hold_id from hold where hold_id = :id for update").bind("id", holdId)
                .fetch().first().then(byId(holdId));
    }

    private static Hold map(Readable r) {
        return new Hold(r.get("hold_id", String.class), r.get("reference", String.class), r.get("wallet_id", String.class),
                r.get("user_id", String.class), r.get("purpose", String.class),
                Money.ofMinor(r.get("amount_minor", Long.class), r.get("currency", String.class)),
                r.get("balance_minor", Long.class));
    }
}
