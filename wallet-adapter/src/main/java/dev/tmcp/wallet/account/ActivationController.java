package dev.tmcp.wallet.account;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.wallet.provider.AccountProvider;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /**
     * Spec 6.3.10: the user's own first-party wallet app activates the account, choosing the PIN and
     * device key. It needs {@code wallet:admin}, which only official apps can hold (16.7, decision
     * 0027): a mini-app with {@code wallet:pay} must never set the credentials that authorize payments.
     */
    @PostMapping("/wallet/v1/activate")
    Mono<Map<String, Object>> activate(TepPrincipal user, @Valid @RequestBody ActivationRequest request) {
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
                .flatMap(activated -> resolutions.evict(userId).thenReturn(view(activated)));
    }

    private static Map<String, Object> view(AccountProvider.Activation activated) {
        AccountProvider.Account account = activated.account();
        AccountProvider.Balance balance = activated.balance();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("wallet_id", account.walletId());
        body.put("user_id", account.userId());
        body.put("user_status", account.userStatus());
        body.put("payment_enabled", account.paymentEnabled());
        body.put("balance", Map.of("available", balance.available(), "pending", balance.pending(),
                "currency", balance.currency()));
        body.put("activated_at", account.activatedAt());
        if (activated.bonus() != null) {
            body.put("incentive_claimed", Map.of("type", "activation_bonus", "amount", activated.bonus(),
                    "currency", balance.currency()));
        }
        return body;
    }
}
