package dev.tmcp.wallet.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tmcp.wallet.provider.AccountProvider;
import dev.tmcp.web.tep.TepPrincipal;
import java.math.BigDecimal;
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

    /** {@code verified_at} only once the wallet was verified. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VerificationResponse(int level, String levelName, String verifiedAt, Limits limits, Features features,
            boolean canUpgrade) {

        static VerificationResponse from(AccountProvider.Verification v) {
            return new VerificationResponse(v.level(), v.levelName(), v.verifiedAt(),
                    new Limits(v.dailyLimit(), v.transactionLimit(), v.monthlyLimit(), v.currency()),
                    new Features(v.p2pSend(), true, v.p2pSend()), v.canUpgrade());
        }
    }

    record Limits(BigDecimal dailyLimit, BigDecimal transactionLimit, BigDecimal monthlyLimit, String currency) {
    }

    record Features(boolean p2pSend, boolean p2pReceive, boolean miniappPayments) {
    }

    @GetMapping("/wallet/v1/verification")
    Mono<VerificationResponse> verification(TepPrincipal user) {
        user.requireScope("wallet:balance");
        return wallets.verification(user.userId().value()).map(VerificationResponse::from);
    }
}
