package dev.tmcp.wallet.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The ledger's invariants, read straight from its tables (each query one snapshot), as a list of
 * violations: empty when the books are sound.
 */
final class LedgerAudit {

    /** Money that entered or left the ledger, per currency, as the system accounts record it. */
    record Flows(String currency, long inside, long fundings, long withdrawals, long bonuses, long otherSystem) {
    }

    private final DatabaseClient db;

    LedgerAudit(DatabaseClient db) {
        this.db = db;
    }

    List<String> violations() {
        List<String> found = new ArrayList<>();
        rows("select t.txn_id, t.kind, t.amount_minor, count(p.posting_id) as postings, "
                + "coalesce(sum(p.amount_minor), 0) as total, coalesce(sum(greatest(p.amount_minor, 0)), 0) as credited "
                + "from ledger_transaction t left join ledger_posting p on p.txn_id = t.txn_id "
                + "group by t.txn_id, t.kind, t.amount_minor "
                + "having count(p.posting_id) < 2 or coalesce(sum(p.amount_minor), 0) <> 0 "
                + "or coalesce(sum(greatest(p.amount_minor, 0)), 0) <> t.amount_minor")
                .forEach(r -> found.add("(a) transaction not balanced or not its amount: " + r));
        rows("select a.account_id, a.balance_minor, coalesce(sum(p.amount_minor), 0) as postings "
                + "from ledger_account a left join ledger_posting p on p.account_id = a.account_id "
                + "group by a.account_id, a.balance_minor having a.balance_minor <> coalesce(sum(p.amount_minor), 0)")
                .forEach(r -> found.add("(b) balance differs from its postings: " + r));
        rows("select account_id, kind, balance_minor from ledger_account where kind <> 'system' and balance_minor < 0")
                .forEach(r -> found.add("(c) negative account: " + r));
        rows("select a.account_id, a.balance_minor from ledger_account a join wallet w on w.wallet_id = a.wallet_id "
                + "where a.kind = 'incoming' and w.user_status <> 'pending' and a.balance_minor <> 0")
                .forEach(r -> found.add("incoming money left behind by an activation: " + r));
        rows("select h.hold_id, h.amount_minor, a.balance_minor from hold h join ledger_account a "
                + "on a.account_id = 'hold:' || h.hold_id where a.balance_minor > h.amount_minor")
                .forEach(r -> found.add("hold keeps more than it took: " + r));
        rows("select w.withdrawal_id, a.balance_minor from withdrawal w join ledger_account a "
                + "on a.account_id = 'hold:' || w.hold_id where w.status = 'completed' and a.balance_minor <> 0")
                .forEach(r -> found.add("completed withdrawal still holds money: " + r));
        for (Flows f : flows()) {
            if (f.inside() != f.fundings() - f.withdrawals() + f.bonuses()) {
                found.add("(d) " + f.currency() + ": money inside " + f.inside() + " != fundings " + f.fundings()
                        + " - withdrawals " + f.withdrawals() + " + bonuses " + f.bonuses());
            }
            if (f.otherSystem() != 0) {
                found.add("(d) " + f.currency() + ": unknown system accounts hold " + f.otherSystem());
            }
        }
        return found;
    }

    List<Flows> flows() {
        return db.sql("select currency, "
                        + "coalesce(sum(balance_minor) filter (where kind <> 'system'), 0) as inside, "
                        + "coalesce(-sum(balance_minor) filter (where account_id like 'system:sandbox:%'), 0) as fundings, "
                        + "coalesce(sum(balance_minor) filter (where account_id like 'system:withdrawals:%'), 0) as withdrawals, "
                        + "coalesce(-sum(balance_minor) filter (where account_id like 'system:bonus:%'), 0) as bonuses, "
                        + "coalesce(sum(balance_minor) filter (where kind = 'system' and account_id not like 'system:sandbox:%' "
                        + "and account_id not like 'system:withdrawals:%' and account_id not like 'system:bonus:%'), 0) as other "
                        + "from ledger_account group by currency order by currency")
                .map(r -> new Flows(r.get("currency", String.class), number(r.get("inside")), number(r.get("fundings")),
                        number(r.get("withdrawals")), number(r.get("bonuses")), number(r.get("other"))))
                .all().collectList().block();
    }

    private List<Map<String, Object>> rows(String sql) {
        return db.sql(sql).fetch().all().collectList().block();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
