package dev.tmcp.payment.it;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.MiniAppId;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.money.Money;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * wallet-adapter's money as payment-service sees it (docs/internal/wallet-internal-api.md), kept
 * in memory: the available balance of each owner (a Matrix user or a mini-app's merchant wallet),
 * holds with what remains of them, and the first answer of every movement under its reference, so
 * a retry moves nothing twice and the same reference with another amount is 409. Every wallet holds
 * one currency and every recipient is active; limits and account states are not modelled. One
 * movement at a time, like the real ledger's row locks.
 */
final class StubLedger {

    private final Map<String, Long> available = new HashMap<>();
    private final Map<String, Hold> holds = new HashMap<>();
    private final Map<String, Hold> holdsByReference = new HashMap<>();
    /** "kind:reference" → the movement's amount and first answer. */
    private final Map<String, Movement> movements = new HashMap<>();

    private static final class Hold {
        final String holdId;
        final String owner;
        final String purpose;
        final Money amount;
        final Money availableAfter;
        long remaining;

        Hold(String holdId, String owner, String purpose, Money amount, Money availableAfter) {
            this.holdId = holdId;
            this.owner = owner;
            this.purpose = purpose;
            this.amount = amount;
            this.availableAfter = availableAfter;
            this.remaining = amount.minorUnits();
        }
    }

    private record Movement(long amount, Map<String, Object> answer) {
    }

    static String walletId(String owner) {
        return "tw_" + Digests.sha256Hex(owner).substring(0, 12);
    }

    synchronized void fund(String owner, long minor) {
        available.merge(owner, minor, Long::sum);
    }

    synchronized long available(String owner) {
        return available.getOrDefault(owner, 0L);
    }

    /** {@code POST /internal/v1/holds}, with the payer's TEP. */
    synchronized Map<String, Object> hold(String payer, JsonNode body) {
        Money amount = money(body);
        String reference = body.path("reference").asString();
        Hold existing = holdsByReference.get(reference);
        if (existing != null) {
            if (!existing.owner.equals(payer) || !existing.amount.equals(amount)
                    || !existing.purpose.equals(body.path("purpose").asString())) {
                throw new TmcpException(ErrorCode.DUPLICATE_TRANSACTION, "This reference was used for a different hold");
            }
            return view(existing);
        }
        take(payer, amount.minorUnits());
        Hold hold = new Hold("hold_" + shortId(), payer, body.path("purpose").asString(), amount,
                Money.ofMinor(available(payer), amount.currencyCode()));
        holds.put(hold.holdId, hold);
        holdsByReference.put(reference, hold);
        return view(hold);
    }

    synchronized Map<String, Object> hold(String holdId) {
        Hold hold = holds.get(holdId);
        if (hold == null) {
            throw new TmcpException(ErrorCode.NOT_FOUND, "No such hold");
        }
        return view(hold);
    }

    synchronized Map<String, Object> holdByReference(String reference) {
        Hold hold = holdsByReference.get(reference);
        if (hold == null) {
            throw new TmcpException(ErrorCode.NOT_FOUND, "No hold under this reference");
        }
        return view(hold);
    }

    /** {@code POST /internal/v1/holds/{id}/capture}: part of the hold to a user or a merchant. */
    synchronized Map<String, Object> capture(String holdId, JsonNode body) {
        Hold hold = holds.get(holdId);
        if (hold == null) {
            throw new TmcpException(ErrorCode.NOT_FOUND, "No such hold");
        }
        String recipient = body.path("recipient").asString();
        if (!MiniAppId.isValid(recipient) && !UserId.isValid(recipient)) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "recipient must be a Matrix user id or a mini-app id");
        }
        Money amount = money(body);
        return once("capture:" + body.path("reference").asString(), amount.minorUnits(), () -> {
            spendFrom(hold, amount.minorUnits());
            fund(recipient, amount.minorUnits());
            return answer("ledger_txn_id", txnId(), "recipient_wallet_id", walletId(recipient),
                    "recipient_status", "active", "remaining", decimal(hold.remaining, hold.amount));
        });
    }

    /** {@code POST /internal/v1/holds/{id}/release}: {@code amount}, or all that remains, back to the owner. */
    synchronized Map<String, Object> release(String holdId, JsonNode body) {
        Hold hold = holds.get(holdId);
        if (hold == null) {
            throw new TmcpException(ErrorCode.NOT_FOUND, "No such hold");
        }
        String key = "release:" + body.path("reference").asString();
        boolean all = body.path("amount").isMissingNode() || body.path("amount").isNull();
        long amount = all ? hold.remaining : money(body).minorUnits();
        if (all && movements.containsKey(key)) {
            return movements.get(key).answer();
        }
        if (amount == 0) {
            return answer("ledger_txn_id", null, "released", decimal(0, hold.amount), "remaining", decimal(0, hold.amount));
        }
        return once(key, amount, () -> {
            spendFrom(hold, amount);
            fund(hold.owner, amount);
            return answer("ledger_txn_id", txnId(), "released", decimal(amount, hold.amount),
                    "remaining", decimal(hold.remaining, hold.amount));
        });
    }

    /** {@code POST /internal/v1/transfers}: a direct P2P movement (the proof is checked by the caller). */
    synchronized Map<String, Object> transfer(String payer, JsonNode body) {
        String recipient = body.path("recipient_user_id").asString();
        if (!UserId.isValid(recipient)) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "recipient must be a Matrix user id");
        }
        Money amount = money(body);
        return once("transfer:" + body.path("reference").asString(), amount.minorUnits(), () -> {
            take(payer, amount.minorUnits());
            fund(recipient, amount.minorUnits());
            return answer("ledger_txn_id", txnId(), "sender_wallet_id", walletId(payer),
                    "recipient_wallet_id", walletId(recipient), "recipient_status", "active");
        });
    }

    synchronized Map<String, Object> transferByReference(String reference) {
        Movement done = movements.get("transfer:" + reference);
        if (done == null) {
            throw new TmcpException(ErrorCode.NOT_FOUND, "No transfer under this reference");
        }
        return done.answer();
    }

    /** {@code POST /internal/v1/refunds}: merchant → payer. */
    synchronized Map<String, Object> refund(JsonNode body) {
        String merchant = body.path("merchant").asString();
        String recipient = body.path("recipient").asString();
        Money amount = money(body);
        return once("refund:" + body.path("reference").asString(), amount.minorUnits(), () -> {
            take(merchant, amount.minorUnits());
            fund(recipient, amount.minorUnits());
            return answer("ledger_txn_id", txnId(), "recipient_wallet_id", walletId(recipient),
                    "available_after", decimal(available(recipient), amount));
        });
    }

    private Map<String, Object> once(String key, long amount, java.util.function.Supplier<Map<String, Object>> move) {
        Movement done = movements.get(key);
        if (done != null) {
            if (done.amount() != amount) {
                throw new TmcpException(ErrorCode.DUPLICATE_TRANSACTION, "This reference was used for a different movement");
            }
            return done.answer();
        }
        Map<String, Object> answer = move.get();
        movements.put(key, new Movement(amount, answer));
        return answer;
    }

    private void take(String owner, long minor) {
        if (available(owner) < minor) {
            throw new TmcpException(ErrorCode.INSUFFICIENT_FUNDS, "Wallet balance too low");
        }
        available.merge(owner, -minor, Long::sum);
    }

    private static void spendFrom(Hold hold, long minor) {
        if (hold.remaining < minor) {
            throw new TmcpException(ErrorCode.INVALID_STATE, "The hold has less left than asked");
        }
        hold.remaining -= minor;
    }

    private static Map<String, Object> view(Hold hold) {
        String status = hold.remaining == 0 ? "settled"
                : hold.remaining == hold.amount.minorUnits() ? "held" : "partially_settled";
        return answer("hold_id", hold.holdId, "owner_user_id", hold.owner, "wallet_id", walletId(hold.owner),
                "purpose", hold.purpose, "amount", hold.amount.toDecimal(), "remaining", decimal(hold.remaining, hold.amount),
                "currency", hold.amount.currencyCode(), "status", status, "available_after", hold.availableAfter.toDecimal());
    }

    private static Money money(JsonNode body) {
        return Money.parsePositive(body.path("amount").decimalValue(), body.path("currency").asString());
    }

    private static java.math.BigDecimal decimal(long minor, Money like) {
        return Money.ofMinor(minor, like.currencyCode()).toDecimal();
    }

    /** Keys and values in turn; values may be null. */
    private static Map<String, Object> answer(Object... pairs) {
        Map<String, Object> answer = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            answer.put((String) pairs[i], pairs[i + 1]);
        }
        return answer;
    }

    private static String txnId() {
        return "txn_" + shortId();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
