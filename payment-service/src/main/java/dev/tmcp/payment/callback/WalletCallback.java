package dev.tmcp.payment.callback;

import java.math.BigDecimal;

/** The body of a wallet provider's callback (spec 4.11.7). */
record WalletCallback(String event, String transactionId, BigDecimal amount, String currency, Party sender,
        Party recipient, String roomId, String note, String timestamp, String paymentId, String reason,
        String errorCode) {

    record Party(String userId, String walletId, String miniappId, String name) {
    }
}
