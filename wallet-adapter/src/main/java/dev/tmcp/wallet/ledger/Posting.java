package dev.tmcp.wallet.ledger;

/** One leg of a ledger transaction: a signed amount on one account (credit positive). */
public record Posting(String accountId, long amountMinor) {
}
