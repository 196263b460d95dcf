package dev.tmcp.wallet.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.wallet.provider.AccountProvider;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class ActivationController {

    private final AccountProvider wallets;
    private final ResolutionCache resolutions;

    ActivationController(AccountProvider wallets, ResolutionCache resolutions) {
        this.wallets = wallets;
        this.resolutions = resolutions;
    }

    /** Spec 6.3.10; {@code incentive_claimed} only when an activation bonus was paid. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Activated(String walletId, String userId, String userStatus, boolean paymentEnabled, Balance balance,
            String activatedAt, Incentive incentiveClaimed) {

        static Activated from(AccountProvider.Activation activated) {
            AccountProvider.Account account = activated.account();
            AccountProvider.Balance balance = activated.balance();
            return new Activated(account.walletId(), account.userId(), account.userStatus(), account.paymentEnabled(),
                    new Balance(balance.available(), balance.pending(), balance.currency()), account.activatedAt(),
                    activated.bonus() == null ? null
                            : new Incentive("activation_bonus", activated.bonus(), balance.currency()));
        }
    }

    record Balance(BigDecimal available, BigDecimal pending, String currency) {
    }

    record Incentive(String type, BigDecimal amount, String currency) {
    }

    /**
     * Spec 6.3.10: the user's own first-party wallet app activates the account, choosing the PIN and
     * device key. It needs {@code wallet:admin}, which only official apps can hold (16.7, decision
     * 0027): a mini-app with {@code wallet:pay} must never set the credentials that authorize payments.
     */
    @PostMapping("/wallet/v1/activate")
    Mono<Activated> activate(TepPrincipal user, @Valid @RequestBody ActivationRequest request) {
        user.requireScope(FirstParty.SCOPE);
        ActivationRequest.VerificationData data = request.verificationData();
        if (!data.termsAccepted()) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "Terms must be accepted"));
        }
        ActivationRequest.BiometricData biometric = data.biometricData();
        String userId = user.userId().value();
        Mono<Void> ownWallet = request.walletId() == null ? Mono.empty()
                : wallets.ensureAccount(userId).flatMap(account -> account.walletId().equals(request.walletId())
                        ? Mono.<Void>empty()
                        : Mono.error(new TmcpException(ErrorCode.WALLET_NOT_FOUND, "Not your wallet")));
        return ownWallet
                .then(wallets.activate(userId, new AccountProvider.ActivationData(data.pin(), data.termsVersion(),
                        biometric == null ? null : biometric.deviceId(), biometric == null ? null : biometric.publicKey())))
                .flatMap(activated -> resolutions.evict(userId).thenReturn(Activated.from(activated)));
    }
}
