package dev.tmcp.wallet.account;

import dev.tmcp.core.money.Money;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /wallet/v1/verification} (spec 6.4.2): the wallet's verification level, its limits and
 * what it may do. Scope {@code wallet:balance}: it describes the same wallet the balance does.
 */
@RestController
class VerificationController {

    private final WalletAccounts accounts;

    VerificationController(WalletAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/wallet/v1/verification")
    Mono<Map<String, Object>> verification(TepPrincipal user) {
        user.requireScope("wallet:balance");
        return accounts.ensure(user.userId().value()).map(wallet -> {
            VerificationLevel level = VerificationLevel.of(wallet.verificationLevel());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("level", level.level());
            body.put("level_name", level.displayName());
            if (wallet.activatedAt() != null) {
                body.put("verified_at", wallet.activatedAt().toString());
            }
            body.put("limits", Map.of(
                    "daily_limit", Money.ofMinor(level.dailyLimitMinor(), wallet.currency()).toDecimal(),
                    "transaction_limit", Money.ofMinor(level.transactionLimitMinor(), wallet.currency()).toDecimal(),
                    "monthly_limit", Money.ofMinor(level.monthlyLimitMinor(), wallet.currency()).toDecimal(),
                    "currency", wallet.currency()));
            body.put("features", Map.of("p2p_send", wallet.isActive() && level.p2pSend(), "p2p_receive", true,
                    "miniapp_payments", wallet.isActive() && level.p2pSend()));
            body.put("can_upgrade", level.canUpgrade());
            return body;
        });
    }
}
