package dev.tmcp.payment.payment;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mini-app payment settings ({@code tmcp.payment.*}).
 *
 * @param mfaThreshold payments above this amount (in the payment's currency) need MFA (spec 7.6)
 * @param requestTtl how long a payment request waits for authorization (spec 7.3.1: 5 minutes)
 * @param signatureWindow how far the signed timestamp may be from the server's clock (spec 7.3.2)
 * @param recoverAfter how long a payment may sit in {@code processing} before the recovery job takes it
 * @param serviceSecret payment-service's secret at wallet-adapter ({@code TMCP_PAYMENT_SERVICE_SECRET})
 */
@ConfigurationProperties("tmcp.payment")
public record PaymentProperties(
        String walletAdapterUrl,
        String authServiceUrl,
        @DefaultValue("1000.00") BigDecimal mfaThreshold,
        @DefaultValue("5m") Duration requestTtl,
        @DefaultValue("5m") Duration signatureWindow,
        @DefaultValue("2m") Duration recoverAfter,
        @DefaultValue("30s") Duration recoveryInterval,
        String serviceSecret) {

    @Override
    public String toString() {
        return "PaymentProperties[mfaThreshold=" + mfaThreshold + ", serviceSecret=***]";
    }
}
