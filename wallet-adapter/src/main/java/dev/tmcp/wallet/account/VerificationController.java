package dev.tmcp.wallet.account;

import dev.tmcp.wallet.provider.AccountProvider;
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

    private final AccountProvider wallets;

    VerificationController(AccountProvider wallets) {
        this.wallets = wallets;
    }

    @GetMapping("/wallet/v1/verification")
    Mono<Map<String, Object>> verification(TepPrincipal user) {
        user.requireScope("wallet:balance");
        return wallets.verification(user.userId().value()).map(v -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("level", v.level());
            body.put("level_name", v.levelName());
            if (v.verifiedAt() != null) {
                body.put("verified_at", v.verifiedAt());
            }
            body.put("limits", Map.of("daily_limit", v.dailyLimit(), "transaction_limit", v.transactionLimit(),
                    "monthly_limit", v.monthlyLimit(), "currency", v.currency()));
            body.put("features", Map.of("p2p_send", v.p2pSend(), "p2p_receive", true, "miniapp_payments", v.p2pSend()));
            body.put("can_upgrade", v.canUpgrade());
            return body;
        });
    }
}
