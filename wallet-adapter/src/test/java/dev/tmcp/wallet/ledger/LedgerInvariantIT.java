package dev.tmcp.wallet.ledger;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.test.TestInfrastructure;
import dev.tmcp.wallet.ledger.provider.LedgerWalletProvider;
import dev.tmcp.wallet.provider.AccountProvider;
import dev.tmcp.wallet.provider.ExternalProvider;
import dev.tmcp.wallet.provider.HoldProvider;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A long seeded random sequence of every money movement the built-in ledger offers (sandbox
 * funding, transfers to active and pending users, holds, captures to users and to a mini-app
 * merchant, releases, refunds, withdrawals, activations sweeping incoming money, retries and reused
 * references), with amounts chosen to hit every refusal. Sequential calls must answer exactly what
 * a model of the balances predicts; a slice runs concurrently to exercise locking, where any
 * refusal the sending rules allow is fine but nothing else is. At checkpoints the books are audited
 * from the database ({@link LedgerAudit}) and against the model and the provider's balances.
 * Reproduce a run with {@code -Dledger.seed=N} (the concurrent slice's interleaving is not seeded).
 */
@SpringBootTest(properties = {"tmcp.tep.jwks-uri=http://127.0.0.1:1/unused", "tmcp.wallet.sandbox-enabled=true",
        "tmcp.wallet.payment-service-secret=invariant-secret-0123456789", "tmcp.wallet.activation-bonus=1.25"})
// Closed afterwards: its connection pool, filled by the concurrent slice, would otherwise stay open beside
// the next test classes' on the shared PostgreSQL.
@DirtiesContext
class LedgerInvariantIT {

    private static final String PIN = "482913";
    private static final long BONUS = 125;
    private static final long DAVE_DAILY_LIMIT = 5_000;
    private static final int SEQUENTIAL = 420;
    private static final int CONCURRENT = 160;
    private static final int TAIL = 60;
    private static final Set<ErrorCode> SEND_REFUSALS = EnumSet.of(ErrorCode.P2P_SEND_NOT_ALLOWED,
            ErrorCode.AMOUNT_EXCEEDS_LIMIT, ErrorCode.DAILY_LIMIT_EXCEEDED, ErrorCode.INSUFFICIENT_FUNDS);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
    }

    @Autowired
    LedgerWalletProvider provider;
    @Autowired
    DatabaseClient db;

    /** One call, what must come of it, and what its success changes in the model. */
    record Op(String description, Supplier<Mono<?>> call, Expect expect, Consumer<Object> onSuccess) {
    }

    /** Success allowed or not, and the refusals allowed. */
    record Expect(boolean success, Set<ErrorCode> refusals) {

        static Expect succeeds() {
            return new Expect(true, Set.of());
        }

        static Expect exactly(ErrorCode predicted) {
            return predicted == null ? succeeds() : new Expect(false, Set.of(predicted));
        }

        static Expect anyOf(Set<ErrorCode> refusals) {
            return new Expect(true, refusals);
        }

        @Override
        public String toString() {
            return (success ? "ok" : "") + (success && !refusals.isEmpty() ? "|" : "") + refusals;
        }
    }

    /** A movement that succeeded, to be retried (same answer, nothing moves) or reused for another amount. */
    record Done(String description, Supplier<Mono<?>> retry, Function<Object, String> id, String firstId,
            Supplier<Mono<?>> reusedForAnotherAmount) {
    }

    private final long seed = Long.getLong("ledger.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final String merchant = "ma_inv_" + run;
    private final LedgerModel model = new LedgerModel(merchant, BONUS);
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final List<String> trace = Collections.synchronizedList(new ArrayList<>());
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<Done> done = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> outcomes = Collections.synchronizedMap(new TreeMap<>());
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final AtomicInteger executed = new AtomicInteger();
    private List<String> users;
    private int references;

    @Test
    void everyMovementKeepsTheBooksBalancedAndMatchesTheModel() {
        try {
            long started = System.nanoTime();
            setUp();
            for (int i = 0; i < SEQUENTIAL; i++) {
                execute(next(true), true).block();
                failFast();
                if (i % 140 == 139) {
                    checkpoint("after " + (i + 1) + " sequential operations");
                }
            }
            concurrentSlice();
            checkpoint("after the concurrent slice");
            for (int i = 0; i < TAIL; i++) {
                execute(next(true), true).block();
                failFast();
            }
            checkpoint("at the end");
            System.out.printf("ledger invariants: seed %d, %d operations in %d ms, outcomes %s%n", seed, trace.size(),
                    (System.nanoTime() - started) / 1_000_000, outcomes);
        } catch (Throwable e) {
            List<String> last = trace.subList(Math.max(0, trace.size() - 30), trace.size());
            throw new AssertionError("Ledger invariant run failed; reproduce with -Dledger.seed=" + seed + "\n"
                    + e.getMessage() + "\nlast operations:\n  " + String.join("\n  ", last), e);
        }
    }

    // The run.

    private void setUp() {
        users = new ArrayList<>();
        for (String name : List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi")) {
            String user = "@" + name + run + ":invariant.test";
            users.add(user);
            sources.put(user, provider.linkExternal(user, "sandbox").block().externalAccountId());
        }
        provider.register(user("dave"), "USD", Money.ofMinor(DAVE_DAILY_LIMIT, "USD").toDecimal()).block();
        model.setDailyLimit(user("dave"), DAVE_DAILY_LIMIT);
        for (String name : List.of("alice", "bob", "carol", "dave")) {
            execute(activation(user(name), true), true).block();
            execute(funding(user(name), 20_000 + random.nextInt(60_000)), true).block();
        }
        failFast();
    }

    /**
     * Two fresh users sending to each other in both directions (lock ordering), captures racing on
     * one hold, transfers to a pending user racing with its activation, and random operations.
     */
    private void concurrentSlice() {
        String ivan = "@ivan" + run + ":invariant.test";
        String judy = "@judy" + run + ":invariant.test";
        for (String user : List.of(ivan, judy)) {
            sources.put(user, provider.linkExternal(user, "sandbox").block().externalAccountId());
            execute(activation(user, true), true).block();
            execute(funding(user, 30_000), true).block();
        }
        execute(hold(ivan, 5_000, "gift", true), true).block();
        failFast();
        String raced = model.settleableHolds().getLast();
        check(model.remaining(raced) == 5_000, "the raced hold is ivan's new one");

        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean forth = i % 2 == 0;
            ops.add(transfer(forth ? ivan : judy, forth ? judy : ivan, 100 + random.nextInt(400), false));
        }
        for (int i = 0; i < 20; i++) {
            ops.add(capture(raced, i % 3 == 0 ? merchant : users.get(random.nextInt(users.size())), 500, false));
        }
        String grace = user("grace");
        if (!model.isActive(grace)) {
            ops.add(activation(grace, false));
            for (int i = 0; i < 10; i++) {
                ops.add(transfer(i % 2 == 0 ? ivan : judy, grace, 100 + random.nextInt(200), false));
            }
        }
        while (ops.size() < CONCURRENT) {
            ops.add(next(false));
        }
        Collections.shuffle(ops, random);
        Flux.fromIterable(ops).flatMap(op -> execute(op, false), 8).blockLast();
        failFast();
    }

    private Mono<Void> execute(Op op, boolean sequential) {
        int number = executed.incrementAndGet();
        return Mono.defer(op.call())
                .switchIfEmpty(Mono.error(new IllegalStateException("answered nothing")))
                .doOnNext(result -> {
                    record("ok", op, number);
                    if (!op.expect().success()) {
                        failures.add(op.description() + " succeeded; expected " + op.expect());
                    }
                    try {
                        op.onSuccess().accept(result);
                    } catch (RuntimeException | AssertionError e) {
                        failures.add(op.description() + ": " + e);
                    }
                })
                .then()
                .onErrorResume(e -> {
                    String code = e instanceof TmcpException t ? t.code().name() : e.toString();
                    record(code, op, number);
                    if (!(e instanceof TmcpException t) || !op.expect().refusals().contains(t.code())) {
                        failures.add(op.description() + " -> " + code + " (" + e.getMessage() + "); expected "
                                + op.expect() + (sequential ? "" : " [concurrent]"));
                    }
                    return Mono.empty();
                });
    }

    private void record(String outcome, Op op, int number) {
        trace.add("#" + number + " " + op.description() + " -> " + outcome);
        outcomes.merge(op.description().split(" ")[0] + ":" + outcome, 1, Integer::sum);
    }

    private void failFast() {
        if (!failures.isEmpty()) {
            throw new AssertionError("unexpected answers:\n  " + String.join("\n  ", failures));
        }
    }

    // Choosing the next operation.

    private Op next(boolean sequential) {
        int roll = random.nextInt(100);
        String user = users.get(random.nextInt(users.size()));
        if (roll < 10) {
            return funding(user, random.nextInt(10) == 0 ? 200_000 : 500 + random.nextInt(40_000));
        }
        if (roll < 32) {
            List<String> others = users.stream().filter(u -> !u.equals(user)).toList();
            String to = random.nextInt(25) == 0 ? user : others.get(random.nextInt(others.size()));
            return transfer(user, to, amount(model.available(user)), sequential);
        }
        if (roll < 44) {
            return hold(user, amount(model.available(user)), random.nextBoolean() ? "gift" : "payment", sequential);
        }
        List<String> holds = model.settleableHolds();
        if (roll < 60 && !holds.isEmpty()) {
            String holdId = pickHold(holds);
            String to = random.nextInt(3) == 0 ? merchant : users.get(random.nextInt(users.size()));
            return capture(holdId, to, settleAmount(model.remaining(holdId)), sequential);
        }
        if (roll < 68 && !holds.isEmpty()) {
            String holdId = pickHold(holds);
            return release(holdId, random.nextInt(3) == 0 ? null : settleAmount(model.remaining(holdId)), sequential);
        }
        if (roll < 74) {
            return refund(user, amount(model.merchantBalance()), sequential);
        }
        if (roll < 80) {
            return withdrawal(user, amount(model.available(user)), sequential);
        }
        List<String> withdrawals = model.withdrawals();
        if (roll < 85 && !withdrawals.isEmpty()) {
            return approval(withdrawals.get(random.nextInt(withdrawals.size())));
        }
        if (roll < 87) {
            // heidi stays pending for good; grace is left to the concurrent slice.
            List<String> activatable = users.stream().filter(u -> !u.equals(user("heidi")) && !u.equals(user("grace")))
                    .toList();
            return activation(activatable.get(random.nextInt(activatable.size())), sequential);
        }
        if (!done.isEmpty()) {
            Done earlier = done.get(random.nextInt(done.size()));
            return roll < 94 ? retry(earlier) : reuse(earlier);
        }
        return funding(user, 1_000);
    }

    private String pickHold(List<String> holds) {
        List<String> open = holds.stream().filter(h -> model.remaining(h) > 0).toList();
        return !open.isEmpty() && random.nextInt(5) > 0 ? open.get(random.nextInt(open.size()))
                : holds.get(random.nextInt(holds.size()));
    }

    /** Mostly small amounts; sometimes exactly what there is, a cent more, or about the limits. */
    private long amount(long there) {
        int roll = random.nextInt(100);
        if (roll < 60) {
            return 1 + random.nextInt(2_000);
        }
        if (roll < 75) {
            return 1 + random.nextInt(15_000);
        }
        if (roll < 85) {
            return Math.max(1, there);
        }
        if (roll < 90) {
            return there + 1;
        }
        if (roll < 95) {
            return LedgerModel.TRANSACTION_LIMIT + random.nextInt(2);
        }
        return 1 + (there > 0 ? random.nextLong(there) : 0);
    }

    /** All that remains, part of it, or more than remains. */
    private long settleAmount(long remaining) {
        int roll = random.nextInt(10);
        if (remaining == 0 || roll == 0) {
            return remaining + 1;
        }
        return roll < 4 ? remaining : 1 + random.nextLong(remaining);
    }

    private String reference(String kind) {
        return kind + "-" + run + "-" + references++ + "-" + random.nextInt(1_000_000);
    }

    // Operations.

    private Op funding(String user, long amount) {
        String source = sources.get(user);
        String ref = reference("fund");
        Supplier<Mono<?>> call = () -> provider.fund(user, source, usd(amount), ref);
        return new Op("fund " + name(user) + " " + amount + " " + ref, call, Expect.succeeds(), r -> {
            model.fund(user, amount);
            done.add(new Done("fund " + ref, call, m -> ((HoldProvider.Movement) m).ledgerTxnId(),
                    ((HoldProvider.Movement) r).ledgerTxnId(), () -> provider.fund(user, source, usd(amount + 1), ref)));
        });
    }

    private Op transfer(String from, String to, long amount, boolean sequential) {
        String ref = reference("p2p");
        Supplier<Mono<?>> call = () -> provider.transfer(from, ref, to, usd(amount));
        Expect expect;
        if (from.equals(to)) {
            expect = new Expect(false, Set.of(ErrorCode.INVALID_REQUEST));
        } else {
            expect = sequential ? Expect.exactly(model.predictSend(from, amount)) : Expect.anyOf(SEND_REFUSALS);
        }
        return new Op("transfer " + name(from) + "->" + name(to) + " " + amount + " " + ref, call, expect, r -> {
            model.transfer(from, to, amount);
            done.add(new Done("transfer " + ref, call, m -> ((HoldProvider.Movement) m).ledgerTxnId(),
                    ((HoldProvider.Movement) r).ledgerTxnId(),
                    () -> provider.transfer(from, ref, to, usd(amount + 1))));
        });
    }

    private Op hold(String user, long amount, String purpose, boolean sequential) {
        String ref = reference("hold");
        Supplier<Mono<?>> call = () -> provider.hold(user, ref, usd(amount), purpose);
        Expect expect = sequential ? Expect.exactly(model.predictSend(user, amount)) : Expect.anyOf(SEND_REFUSALS);
        return new Op("hold " + name(user) + " " + amount + " " + purpose + " " + ref, call, expect, r -> {
            HoldProvider.Hold hold = (HoldProvider.Hold) r;
            check(hold.status().equals("held") && hold.remaining().compareTo(usd(amount).toDecimal()) == 0,
                    "a new hold keeps all it took: " + hold);
            model.hold(hold.holdId(), user, purpose, amount);
            done.add(new Done("hold " + ref, call, h -> ((HoldProvider.Hold) h).holdId(), hold.holdId(),
                    () -> provider.hold(user, ref, usd(amount + 1), purpose)));
        });
    }

    private Op capture(String holdId, String to, long amount, boolean sequential) {
        String ref = reference("capture");
        Supplier<Mono<?>> call = () -> provider.capture(holdId, ref, to, usd(amount));
        Expect expect = sequential
                ? Expect.exactly(amount > model.remaining(holdId) ? ErrorCode.INVALID_STATE : null)
                : Expect.anyOf(Set.of(ErrorCode.INVALID_STATE));
        return new Op("capture " + holdId + "->" + name(to) + " " + amount + " " + ref, call, expect, r -> {
            model.capture(holdId, to, amount);
            done.add(new Done("capture " + ref, call, m -> ((HoldProvider.Movement) m).ledgerTxnId(),
                    ((HoldProvider.Movement) r).ledgerTxnId(),
                    () -> provider.capture(holdId, ref, to, usd(amount + 1))));
        });
    }

    /** {@code amount} null: all that remains. */
    private Op release(String holdId, Long amount, boolean sequential) {
        String ref = reference("release");
        Supplier<Mono<?>> call = () -> provider.release(holdId, ref, amount == null ? null : usd(amount));
        Expect expect = sequential
                ? Expect.exactly(amount != null && amount > model.remaining(holdId) ? ErrorCode.INVALID_STATE : null)
                : Expect.anyOf(Set.of(ErrorCode.INVALID_STATE));
        long expected = amount != null ? amount : model.remaining(holdId);
        return new Op("release " + holdId + " " + (amount == null ? "all" : amount) + " " + ref, call, expect, r -> {
            HoldProvider.Movement movement = (HoldProvider.Movement) r;
            long released = minor(movement.amount());
            if (sequential) {
                check(released == expected, "released " + released + ", the model says " + expected);
            }
            model.release(holdId, released);
            if (movement.ledgerTxnId() != null) {
                long other = released + 1;
                done.add(new Done("release " + ref, call, m -> ((HoldProvider.Movement) m).ledgerTxnId(),
                        movement.ledgerTxnId(), () -> provider.release(holdId, ref, usd(other))));
            }
        });
    }

    private Op refund(String to, long amount, boolean sequential) {
        String ref = reference("refund");
        Supplier<Mono<?>> call = () -> provider.refund(ref, merchant, to, usd(amount));
        Expect expect = sequential ? Expect.exactly(model.predictRefund(amount))
                : Expect.anyOf(Set.of(ErrorCode.WALLET_NOT_FOUND, ErrorCode.INSUFFICIENT_FUNDS));
        return new Op("refund " + merchant + "->" + name(to) + " " + amount + " " + ref, call, expect, r -> {
            model.refund(to, amount);
            done.add(new Done("refund " + ref, call, m -> ((HoldProvider.Movement) m).ledgerTxnId(),
                    ((HoldProvider.Movement) r).ledgerTxnId(), () -> provider.refund(ref, merchant, to, usd(amount + 1))));
        });
    }

    private Op withdrawal(String user, long amount, boolean sequential) {
        String ref = reference("withdraw");
        String destination = sources.get(user);
        Supplier<Mono<?>> call = () -> provider.initiateWithdrawal(user, destination, usd(amount), ref);
        Expect expect = sequential ? Expect.exactly(model.predictSend(user, amount)) : Expect.anyOf(SEND_REFUSALS);
        return new Op("withdraw " + name(user) + " " + amount + " " + ref, call, expect, r -> {
            ExternalProvider.Withdrawal w = (ExternalProvider.Withdrawal) r;
            check(w.status().equals("pending_approval"), "a new withdrawal awaits approval: " + w);
            model.withdrawalInitiated(w.withdrawalId(), user, amount);
            done.add(new Done("withdraw " + ref, call, x -> ((ExternalProvider.Withdrawal) x).withdrawalId(),
                    w.withdrawalId(), () -> provider.initiateWithdrawal(user, destination, usd(amount + 1), ref)));
        });
    }

    private Op approval(String withdrawalId) {
        String owner = model.withdrawal(withdrawalId).owner();
        return new Op("approve " + withdrawalId + " of " + name(owner),
                () -> provider.approveWithdrawal(owner, withdrawalId), Expect.succeeds(), r -> {
                    check(((ExternalProvider.Withdrawal) r).status().equals("completed"), "approved: " + r);
                    model.withdrawalCompleted(withdrawalId);
                });
    }

    private Op activation(String user, boolean sequential) {
        Expect expect = sequential ? Expect.exactly(model.isActive(user) ? ErrorCode.ALREADY_ACTIVATED : null)
                : Expect.anyOf(Set.of(ErrorCode.ALREADY_ACTIVATED));
        return new Op("activate " + name(user),
                () -> provider.activate(user, new AccountProvider.ActivationData(PIN, "1.5.0", null, null)), expect, r -> {
                    AccountProvider.Activation activation = (AccountProvider.Activation) r;
                    check(activation.bonus() != null && minor(activation.bonus()) == BONUS, "bonus paid: " + activation);
                    model.activate(user);
                });
    }

    private Op retry(Done earlier) {
        return new Op("retry " + earlier.description(), earlier.retry(), Expect.succeeds(), r -> check(
                Objects.equals(earlier.id().apply(r), earlier.firstId()),
                "a retry answers the first movement " + earlier.firstId() + ", got " + earlier.id().apply(r)));
    }

    private Op reuse(Done earlier) {
        return new Op("reuse " + earlier.description() + " for another amount", earlier.reusedForAnotherAmount(),
                Expect.exactly(ErrorCode.DUPLICATE_TRANSACTION), r -> {
                });
    }

    // Checkpoints.

    private void checkpoint(String when) {
        List<String> found = new ArrayList<>(new LedgerAudit(db).violations());
        List<LedgerAudit.Flows> flows = new LedgerAudit(db).flows();
        if (flows.size() != 1 || !flows.getFirst().currency().equals("USD")) {
            found.add("expected one currency, USD: " + flows);
        } else {
            LedgerAudit.Flows usd = flows.getFirst();
            compare(found, "(d) money inside vs the model's fundings - withdrawals + bonuses", usd.inside(), model.inside());
            compare(found, "(d) fundings recorded by system:sandbox vs the model", usd.fundings(), model.funded());
            compare(found, "(d) withdrawals recorded by system:withdrawals vs the model", usd.withdrawals(), model.withdrawn());
            compare(found, "(d) bonuses recorded by system:bonus vs the model", usd.bonuses(), model.bonuses());
            long visible = 0;
            List<String> everyone = new ArrayList<>(users);
            everyone.addAll(sources.keySet().stream().filter(u -> !users.contains(u)).toList());
            for (String user : everyone) {
                AccountProvider.Balance balance = provider.balance(user).block();
                visible += minor(balance.available()) + minor(balance.pending());
                compare(found, "(e) available of " + name(user), minor(balance.available()), model.available(user));
                compare(found, "(e) pending of " + name(user), minor(balance.pending()), model.pending(user));
                if (today.equals(LocalDate.now(ZoneOffset.UTC))) {
                    compare(found, "sent today by " + name(user), minor(balance.sentToday()), model.sentToday(user));
                }
            }
            if (provider.account(merchant).blockOptional().isPresent()) {
                AccountProvider.Balance balance = provider.balance(merchant).block();
                visible += minor(balance.available()) + minor(balance.pending());
                compare(found, "(e) balance of the merchant", minor(balance.available()), model.merchantBalance());
            }
            compare(found, "(e) the users' and merchant's available + pending vs money inside", visible, usd.inside());
        }
        System.out.printf("ledger invariants %s: %d operations, money inside %d, %s%n", when, trace.size(),
                model.inside(), found.isEmpty() ? "sound" : found.size() + " violations");
        if (!found.isEmpty()) {
            throw new AssertionError("invariants broken " + when + ":\n  " + String.join("\n  ", found));
        }
    }

    private static void compare(List<String> found, String what, long actual, long expected) {
        if (actual != expected) {
            found.add(what + ": " + actual + " != " + expected);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private String user(String name) {
        return "@" + name + run + ":invariant.test";
    }

    private String name(String user) {
        return user.startsWith("@") ? user.substring(1, user.indexOf(run)) : user;
    }

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    private static long minor(BigDecimal amount) {
        return Money.parse(amount, "USD").minorUnits();
    }
}
