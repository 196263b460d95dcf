package dev.tmcp.wallet.ledger.hold;

import dev.tmcp.core.money.Money;

/** Money taken from a wallet's available balance, waiting to be captured or released. */
public record Hold(String holdId, String reference, String walletId, String ownerUserId, String purpose, Money amount,
        long remainingMinor) {

    static final java.util.Set<String> PURPOSES = java.util.Set.of("p2p", "gift", "payment", "withdrawal");

    public String accountId() {
        return accountId(holdId);
    }

    static String accountId(String holdId) {
        return "hold:" + holdId;
    }

    public String status() {
        return remainingMinor == 0 ? "settled" : remainingMinor == amount.minorUnits() ? "held" : "partially_settled";
    }
}
