package dev.tmcp.wallet.mfa;

import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.provider.MfaProvider;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The wallet's MFA interface (spec 7.6.4), for payment-service with the payer's own TEP. */
@RestController
class MfaController {

    private final MfaProvider wallets;

    MfaController(MfaProvider wallets) {
        this.wallets = wallets;
    }

    record ChallengeRequest(@NotBlank @Size(max = 160) String reference, @NotNull BigDecimal amount,
            @NotBlank String currency) {
    }

    record VerifyRequest(@NotBlank String method, @NotNull Map<String, Object> credentials) {

        @Override
        public String toString() {
            return "VerifyRequest[" + method + "]";
        }
    }

    @PostMapping("/internal/v1/mfa/challenges")
    Mono<MfaProvider.MfaChallenge> create(TepPrincipal payer, @Valid @RequestBody ChallengeRequest request) {
        payer.requireScope("wallet:pay");
        Money amount = Money.parsePositive(request.amount(), request.currency());
        return wallets.mfaChallenge(payer.userId().value(), request.reference(), amount);
    }

    @PostMapping("/internal/v1/mfa/challenges/{challengeId}/verify")
    Mono<MfaProvider.MfaChallenge> verify(TepPrincipal payer, @PathVariable String challengeId,
            @Valid @RequestBody VerifyRequest request) {
        payer.requireScope("wallet:pay");
        return wallets.mfaVerify(payer.userId().value(), challengeId, request.method(), request.credentials());
    }
}
