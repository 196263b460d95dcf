package dev.tmcp.payment.wallet;

import dev.tmcp.core.id.WalletId;
import dev.tmcp.core.money.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * wallet-adapter's answers as they arrive (snake_case JSON, decimal amounts, string ids) and their
 * one translation into {@link WalletClient}'s typed results. The wallet answers amounts without
 * always naming the currency, so the currency is the one the request was made in.
 */
final class WalletWire {

    private WalletWire() {
    }

    /** A request amount as the wallet reads it: a decimal with the currency's scale (5.00). */
    static BigDecimal amount(Money money) {
        return money.toDecimal();
    }

    record Policy(List<String> availableMethods, String recommendedMethod, boolean recipientAcceptanceRequired,
            boolean authUpgradeRequired, String recipientStatus, String recipientWalletId, String activationUrl,
            Map<String, Object> activationIncentive) {

        WalletClient.AuthPolicy typed() {
            return new WalletClient.AuthPolicy(availableMethods, recommendedMethod, recipientAcceptanceRequired,
                    authUpgradeRequired, recipientStatus, walletId(recipientWalletId), activationUrl,
                    activationIncentive);
        }
    }

    record Transfer(String ledgerTxnId, String senderWalletId, String recipientWalletId, String recipientStatus) {

        WalletClient.TransferResult typed() {
            return new WalletClient.TransferResult(ledgerTxnId, walletId(senderWalletId), walletId(recipientWalletId),
                    recipientStatus);
        }
    }

    record Hold(String holdId, String walletId, BigDecimal remaining, String status, BigDecimal availableAfter) {

        WalletClient.HoldResult typed(Currency currency) {
            return new WalletClient.HoldResult(holdId, WalletWire.walletId(walletId), money(remaining, currency), status,
                    money(availableAfter, currency));
        }
    }

    record Capture(String ledgerTxnId, String recipientWalletId, String recipientStatus, BigDecimal remaining) {

        WalletClient.CaptureResult typed(Currency currency) {
            return new WalletClient.CaptureResult(ledgerTxnId, walletId(recipientWalletId), recipientStatus,
                    money(remaining, currency));
        }
    }

    record Release(String ledgerTxnId, BigDecimal released, BigDecimal remaining) {

        WalletClient.ReleaseResult typed(Currency currency) {
            return new WalletClient.ReleaseResult(ledgerTxnId, money(released, currency), money(remaining, currency));
        }
    }

    record Refund(String ledgerTxnId, String recipientWalletId, BigDecimal availableAfter) {

        WalletClient.RefundResult typed(Currency currency) {
            return new WalletClient.RefundResult(ledgerTxnId, walletId(recipientWalletId),
                    money(availableAfter, currency));
        }
    }

    static WalletId walletId(String value) {
        return value == null ? null : new WalletId(value);
    }

    static Money money(BigDecimal amount, Currency currency) {
        return amount == null ? null : Money.parse(amount, currency.getCurrencyCode());
    }
}
