package dev.tmcp.core.event.payment;

/** Who paid a mini-app payment. */
public record Payer(String userId, String walletId) {
}
