package dev.tmcp.wallet;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param pinAttempts wrong PINs allowed within {@code pinLockWindow} before payments lock
 * @param defaultCurrency currency of new wallets
 * @param sandboxEnabled whether the sandbox funding source may be linked (never in production)
 * @param activationUrlBase where a pending user completes activation
 * @param matrixBridgeUrl matrix-bridge, which answers room-context questions
 * @param acceptanceThreshold P2P amount from which the recipient must accept (spec 7.2.7; 0 = never)
 * @param activationBonus credited on activation from the bonus funding source (spec 6.3.10; 0 = none)
 */
@ConfigurationProperties("tmcp.wallet")
public record WalletProperties(String defaultCurrency, boolean sandboxEnabled, String activationUrlBase,
        String matrixBridgeUrl, int pinAttempts, Duration pinLockWindow, java.math.BigDecimal acceptanceThreshold,
        java.math.BigDecimal activationBonus) {
}
