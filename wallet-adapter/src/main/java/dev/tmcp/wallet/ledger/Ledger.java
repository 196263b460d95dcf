package dev.tmcp.wallet.ledger;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.Ids;
import dev.tmcp.core.money.Money;
import dev.tmcp.web.idempotency.Idempotent;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The built-in double-entry ledger. Each movement is one transaction row plus postings that sum to
 * zero (a deferred trigger refuses anything else at commit); balances are updated in the same
 * transaction, and a wallet account can never go below zero. A movement is identified by its
 * reference: posting the same reference again returns the first entry and moves nothing.
 * Callers run {@link #post} inside a database transaction.
 */
@Component
public class Ledger {

    private final DatabaseClient db;

    Ledger(DatabaseClient db) {
        this.db = db;
    }

    public Mono<LedgerEntry> post(String kind, String reference, Money amount, List<Posting> postings) {
        long sum = postings.stream().mapToLong(Posting::amountMinor).sum();
        if (sum != 0 || postings.size() < 2) {
            return Mono.error(new IllegalArgumentException("unbalanced postings for " + reference));
        }
        String txnId = Ids.next("txn_");
        return db.sql("insert into ledger_transaction (txn_id, kind, reference, currency, amount_minor) "
                        + "values (:id, :kind, :ref, :currency, :amount) on conflict (reference) do nothing")
                .bind("id", txnId).bind("kind", kind).bind("ref", reference)
                .bind("currency", amount.currencyCode()).bind("amount", amount.minorUnits())
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 0
                        ? existing(reference, kind, amount)
                        : apply(txnId, postings).then(Mono.just(new LedgerEntry(txnId, kind, reference,
                                amount.currencyCode(), amount.minorUnits(), postings))));
    }

    private Mono<Void> apply(String txnId, List<Posting> postings) {
        // A fixed lock order keeps two opposite transfers from deadlocking.
        return Flux.fromIterable(postings)
                .sort(Comparator.comparing(Posting::accountId))
                .concatMap(p -> move(p).then(db.sql("insert into ledger_posting (txn_id, account_id, amount_minor) "
                                + "values (:txn, :account, :amount)")
                        .bind("txn", txnId).bind("account", p.accountId()).bind("amount", p.amountMinor())
                        .fetch().rowsUpdated()))
                .then();
    }

    private Mono<Long> move(Posting posting) {
        return db.sql("update ledger_account set balance_minor = balance_minor + :amount "
                        + "where account_id = :account and (kind = 'system' or balance_minor + :amount >= 0) "
                        + "returning balance_minor")
                .bind("amount", posting.amountMinor()).bind("account", posting.accountId())
                .map(r -> r.get("balance_minor", Long.class))
                .one()
                .switchIfEmpty(Mono.defer(() -> insufficient(posting)));
    }

    private Mono<Long> insufficient(Posting posting) {
        return balance(posting.accountId()).flatMap(available -> Mono.error(new TmcpException(
                ErrorCode.INSUFFICIENT_FUNDS, "Wallet balance too low",
                Map.of("required_amount_minor", -posting.amountMinor(), "available_balance_minor", available))));
    }

    public Mono<Long> balance(String accountId) {
        return db.sql("select balance_minor from ledger_account where account_id = :account")
                .bind("account", accountId)
                .map(r -> r.get("balance_minor", Long.class))
                .one()
                .defaultIfEmpty(0L);
    }

    /** Money of a wallet not yet spendable: received while pending, or held for payments in flight. */
    public Mono<Long> pending(String walletId) {
        return db.sql("select coalesce(sum(balance_minor), 0) as pending from ledger_account "
                        + "where wallet_id = :wallet and kind in ('hold', 'incoming')")
                .bind("wallet", walletId)
                .map(r -> ((Number) r.get("pending")).longValue())
                .one()
                .defaultIfEmpty(0L);
    }

    /** Ensures a wallet's hold or incoming account exists. */
    public Mono<Void> ensureAccount(String accountId, String walletId, String kind, String currency) {
        return db.sql("insert into ledger_account (account_id, wallet_id, kind, currency) values (:account, :wallet, :kind, :currency) "
                        + "on conflict do nothing")
                .bind("account", accountId).bind("wallet", walletId).bind("kind", kind).bind("currency", currency)
                .fetch().rowsUpdated().then();
    }

    /** Ensures a system account (a funding source) exists. */
    public Mono<Void> ensureSystemAccount(String accountId, String currency) {
        return db.sql("insert into ledger_account (account_id, kind, currency) values (:account, 'system', :currency) "
                        + "on conflict do nothing")
                .bind("account", accountId).bind("currency", currency)
                .fetch().rowsUpdated().then();
    }

    /** The movement recorded under a reference, if any. */
    public Mono<LedgerEntry> find(String reference) {
        return db.sql("select txn_id, kind, currency, amount_minor from ledger_transaction where reference = :ref")
                .bind("ref", reference)
                .map(r -> new LedgerEntry(r.get("txn_id", String.class), r.get("kind", String.class), reference,
                        r.get("currency", String.class), r.get("amount_minor", Long.class), List.of()))
                .one();
    }

    private Mono<LedgerEntry> existing(String reference, String kind, Money amount) {
        return Idempotent.replay(find(reference),
                entry -> entry.kind().equals(kind) && entry.amountMinor() == amount.minorUnits()
                        && entry.currency().equals(amount.currencyCode()),
                "This idempotency key was used for a different movement");
    }

    /** What a balance read shows of a wallet: its balance, its pending money and what it sent today. */
    public record Figures(long balance, long pending, long sentToday) {
    }

    /** {@link #balance}, {@link #pending} and {@link #sentToday} in one statement: one round trip per balance read. */
    public Mono<Figures> figures(String accountId, String walletId) {
        return db.sql("select (select balance_minor from ledger_account where account_id = :account) as balance, "
                        + "(select coalesce(sum(balance_minor), 0) from ledger_account "
                        + "where wallet_id = :wallet and kind in ('hold', 'incoming')) as pending, "
                        + "(" + SENT_SINCE.replace(":period", "day") + ") as sent")
                .bind("account", accountId).bind("wallet", walletId)
                .map(r -> new Figures(r.get("balance") == null ? 0 : ((Number) r.get("balance")).longValue(),
                        ((Number) r.get("pending")).longValue(), ((Number) r.get("sent")).longValue()))
                .one();
    }

    /** Sum of the amounts a wallet account sent since the start of today (UTC). */
    public Mono<Long> sentToday(String accountId) {
        return sentSince(accountId, "day");
    }

    /** P2P sent since the start of this calendar month (UTC), for the monthly limit of 6.4.2. */
    public Mono<Long> sentThisMonth(String accountId) {
        return sentSince(accountId, "month");
    }

    /**
     * Money sent: direct P2P and holds, less what holds gave back. Its {@code :period} is replaced by
     * "day" or "month", never by input.
     */
    private static final String SENT_SINCE = "select coalesce(-sum(p.amount_minor), 0) from ledger_posting p "
            + "join ledger_transaction t on t.txn_id = p.txn_id "
            + "where p.account_id = :account and ((p.amount_minor < 0 and t.kind in ('p2p', 'hold')) "
            + "or (p.amount_minor > 0 and t.kind = 'release')) "
            + "and p.created_at >= date_trunc(':period', now() at time zone 'utc') at time zone 'utc'";

    private Mono<Long> sentSince(String accountId, String period) {
        return db.sql("select (" + SENT_SINCE.replace(":period", period) + ") as sent")
                .bind("account", accountId)
                .map(r -> ((Number) r.get("sent")).longValue())
                .one()
                .defaultIfEmpty(0L);
    }
}
