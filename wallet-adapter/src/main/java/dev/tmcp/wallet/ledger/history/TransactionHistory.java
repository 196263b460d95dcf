package dev.tmcp.wallet.ledger.history;

import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.ledger.account.Wallet;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A wallet's movements, newest first, read from its ledger postings (spec 6.2.2): each posting is
 * one entry, its sign says the direction, the other side of the balanced transaction names the
 * counterparty.
 */
@Component
public class TransactionHistory {

    private final DatabaseClient db;

    TransactionHistory(DatabaseClient db) {
        this.db = db;
    }

    public record Page(List<Map<String, Object>> transactions, long total) {
    }

    /**
     * The wallet's own movements: its balance and, for money received while pending, its incoming
     * account (shown pending until activation). Moves between a wallet's own accounts are not listed.
     */
    public Mono<Page> page(Wallet wallet, int limit, int offset) {
        boolean pending = Wallet.PENDING.equals(wallet.userStatus());
        Mono<List<Map<String, Object>>> rows = db.sql("""
                        select t.txn_id, t.kind, t.currency, t.created_at, p.amount_minor,
                               (select w.user_id from ledger_posting o
                                  join ledger_account a on a.account_id = o.account_id
                                  left join wallet w on w.wallet_id = a.wallet_id
                                 where o.txn_id = t.txn_id and o.account_id <> p.account_id
                                 order by o.posting_id limit 1) as counterparty
                          from ledger_posting p join ledger_transaction t on t.txn_id = p.txn_id
                         where p.account_id in (:account, :incoming) and t.kind <> 'activation'
                         order by p.posting_id desc limit :limit offset :offset""")
                .bind("account", wallet.accountId()).bind("incoming", wallet.incomingAccountId())
                .bind("limit", limit).bind("offset", offset)
                .map((row, meta) -> entry(row.get("txn_id", String.class), row.get("kind", String.class),
                        row.get("currency", String.class), row.get("created_at", OffsetDateTime.class),
                        row.get("amount_minor", Long.class), row.get("counterparty", String.class), pending))
                .all().collectList();
        Mono<Long> total = db.sql("select count(*) as n from ledger_posting p join ledger_transaction t on t.txn_id = p.txn_id "
                        + "where p.account_id in (:account, :incoming) and t.kind <> 'activation'")
                .bind("account", wallet.accountId()).bind("incoming", wallet.incomingAccountId())
                .map((row, meta) -> row.get("n", Long.class)).one();
        return Mono.zip(rows, total, Page::new);
    }

    private static Map<String, Object> entry(String txnId, String kind, String currency, OffsetDateTime at,
            long amountMinor, String counterparty, boolean pending) {
        boolean incoming = amountMinor > 0;
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("txn_id", txnId);
        entry.put("type", type(kind, incoming));
        entry.put("amount", Money.ofMinor(Math.abs(amountMinor), currency).toDecimal());
        entry.put("currency", currency);
        if (counterparty != null) {
            entry.put(incoming ? "from" : "to", Map.of("user_id", counterparty));
        }
        entry.put("status", pending && incoming ? "pending" : "completed");
        entry.put("timestamp", at.toInstant().toString());
        return entry;
    }

    /** Ledger kinds in the spec's words: {@code p2p_sent}/{@code p2p_received}, {@code deposit}, … */
    static String type(String kind, boolean incoming) {
        return switch (kind) {
            case "p2p" -> incoming ? "p2p_received" : "p2p_sent";
            case "funding" -> "deposit";
            case "withdrawal" -> "withdrawal";
            case "hold" -> "hold";
            case "release" -> "hold_released";
            case "capture" -> incoming ? "payment_received" : "payment_sent";
            default -> kind + (incoming ? "_received" : "_sent");
        };
    }
}
