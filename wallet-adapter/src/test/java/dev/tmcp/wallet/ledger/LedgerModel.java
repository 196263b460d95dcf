package dev.tmcp.wallet.ledger;

import dev.tmcp.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the ledger should hold, kept by {@link LedgerInvariantIT} from the calls that succeeded,
 * independently of the ledger: each user's available and incoming money, every hold's remainder,
 * what each user sent today, and the money that entered (fundings, bonuses) and left (withdrawals).
 * All amounts in minor units. Synchronized: the concurrent slice updates it from several threads.
 */
final class LedgerModel {

    static final long TRANSACTION_LIMIT = 100_000;
    static final long DAILY_LIMIT = 250_000;

    record HoldState(String owner, String purpose, long amount, long remaining) {
    }

    record WithdrawalState(String owner, long amount, boolean completed) {
    }

    private final String merchant;
    private final long bonus;
    private final Map<String, Long> available = new HashMap<>();
    private final Map<String, Long> incoming = new HashMap<>();
    private final Map<String, Long> sentToday = new HashMap<>();
    private final Map<String, Long> dailyLimits = new HashMap<>();
    private final Set<String> active = new HashSet<>();
    private final Map<String, HoldState> holds = new LinkedHashMap<>();
    private final Map<String, WithdrawalState> withdrawals = new LinkedHashMap<>();
    private boolean merchantExists;
    private long merchantBalance;
    private long funded;
    private long withdrawn;
    private long bonuses;

    LedgerModel(String merchant, long bonus) {
        this.merchant = merchant;
        this.bonus = bonus;
    }

    // What a call should answer, given the model (sequential runs only).

    /** The code a payment out of {@code user}'s wallet must fail with, or null when it must succeed (6.4.3). */
    synchronized ErrorCode predictSend(String user, long amount) {
        if (!active.contains(user)) {
            return ErrorCode.P2P_SEND_NOT_ALLOWED;
        }
        if (amount > TRANSACTION_LIMIT) {
            return ErrorCode.AMOUNT_EXCEEDS_LIMIT;
        }
        if (sentToday(user) + amount > dailyLimits.getOrDefault(user, DAILY_LIMIT)) {
            return ErrorCode.DAILY_LIMIT_EXCEEDED;
        }
        return amount > available(user) ? ErrorCode.INSUFFICIENT_FUNDS : null;
    }

    synchronized ErrorCode predictRefund(long amount) {
        if (!merchantExists) {
            return ErrorCode.WALLET_NOT_FOUND;
        }
        return amount > merchantBalance ? ErrorCode.INSUFFICIENT_FUNDS : null;
    }

    // What succeeded.

    synchronized void setDailyLimit(String user, long limit) {
        dailyLimits.put(user, limit);
    }

    synchronized void fund(String user, long amount) {
        available.merge(user, amount, Long::sum);
        funded += amount;
    }

    synchronized void activate(String user) {
        if (active.add(user)) {
            available.merge(user, incoming.getOrDefault(user, 0L) + bonus, Long::sum);
            incoming.remove(user);
            bonuses += bonus;
        }
    }

    synchronized void transfer(String from, String to, long amount) {
        debit(from, amount);
        credit(to, amount);
    }

    synchronized void hold(String holdId, String owner, String purpose, long amount) {
        debit(owner, amount);
        holds.put(holdId, new HoldState(owner, purpose, amount, amount));
    }

    synchronized void capture(String holdId, String recipient, long amount) {
        take(holdId, amount);
        credit(recipient, amount);
    }

    synchronized void release(String holdId, long amount) {
        HoldState hold = take(holdId, amount);
        available.merge(hold.owner(), amount, Long::sum);
        sentToday.merge(hold.owner(), -amount, Long::sum);
    }

    synchronized void refund(String recipient, long amount) {
        merchantBalance -= amount;
        credit(recipient, amount);
    }

    synchronized void withdrawalInitiated(String withdrawalId, String owner, long amount) {
        hold("wd:" + withdrawalId, owner, "withdrawal", amount);
        withdrawals.put(withdrawalId, new WithdrawalState(owner, amount, false));
    }

    synchronized void withdrawalCompleted(String withdrawalId) {
        WithdrawalState w = withdrawals.get(withdrawalId);
        if (!w.completed()) {
            take("wd:" + withdrawalId, w.amount());
            withdrawals.put(withdrawalId, new WithdrawalState(w.owner(), w.amount(), true));
            withdrawn += w.amount();
        }
    }

    private void debit(String user, long amount) {
        available.merge(user, -amount, Long::sum);
        sentToday.merge(user, amount, Long::sum);
    }

    private void credit(String to, long amount) {
        if (to.equals(merchant)) {
            merchantExists = true;
            merchantBalance += amount;
        } else if (active.contains(to)) {
            available.merge(to, amount, Long::sum);
        } else {
            incoming.merge(to, amount, Long::sum);
        }
    }

    private HoldState take(String holdId, long amount) {
        HoldState hold = holds.get(holdId);
        HoldState after = new HoldState(hold.owner(), hold.purpose(), hold.amount(), hold.remaining() - amount);
        holds.put(holdId, after);
        return after;
    }

    // Reading.

    synchronized boolean isActive(String user) {
        return active.contains(user);
    }

    synchronized long available(String user) {
        return available.getOrDefault(user, 0L);
    }

    /** Incoming money plus what the user's holds still keep: the provider's {@code pending}. */
    synchronized long pending(String user) {
        long held = holds.values().stream().filter(h -> h.owner().equals(user)).mapToLong(HoldState::remaining).sum();
        return incoming.getOrDefault(user, 0L) + held;
    }

    synchronized long sentToday(String user) {
        return sentToday.getOrDefault(user, 0L);
    }

    synchronized long remaining(String holdId) {
        return holds.get(holdId).remaining();
    }

    /** Holds that are settled by captures and releases (withdrawals are paid out by approval). */
    synchronized List<String> settleableHolds() {
        List<String> ids = new ArrayList<>();
        holds.forEach((id, h) -> {
            if (!h.purpose().equals("withdrawal")) {
                ids.add(id);
            }
        });
        return ids;
    }

    synchronized List<String> withdrawals() {
        return new ArrayList<>(withdrawals.keySet());
    }

    synchronized WithdrawalState withdrawal(String id) {
        return withdrawals.get(id);
    }

    synchronized boolean merchantExists() {
        return merchantExists;
    }

    synchronized long merchantBalance() {
        return merchantBalance;
    }

    synchronized long funded() {
        return funded;
    }

    synchronized long withdrawn() {
        return withdrawn;
    }

    synchronized long bonuses() {
        return bonuses;
    }

    /** All the money inside the ledger: what came in less what went out. */
    synchronized long inside() {
        return funded - withdrawn + bonuses;
    }
}
