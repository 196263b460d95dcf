package dev.tmcp.wallet.account;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.wallet.provider.AccountProvider;
import dev.tmcp.web.tep.TepPrincipal;
import java.math.BigDecimal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Spec 6.3.4: a user creates (or finds) their own wallet. The spec shows a Matrix token; the suite
 * takes the TEP instead (services never receive raw homeserver tokens) and the {@code user_id} must
 * be the token's own (decision 0024). A daily limit in {@code initial_settings} is a change of the
 * user's limits: only the first-party wallet app may ask for it ({@code wallet:admin}, decision 0027),
 * and it may only lower the limit in force, never raise it.
 */
@RestController
class RegisterController {

    private final AccountProvider wallets;

    RegisterController(AccountProvider wallets) {
        this.wallets = wallets;
    }

    record RegisterRequest(String userId, String currency, InitialSettings initialSettings) {
    }

    record InitialSettings(Boolean mfaEnabled, BigDecimal dailyLimit) {
    }

    record Registered(String walletId, String userId, String status, String userStatus, Balance balance,
            String createdAt) {
    }

    record Balance(BigDecimal available, String currency) {
    }

    @PostMapping("/wallet/v1/register")
    Mono<Registered> register(TepPrincipal user, @RequestBody RegisterRequest request) {
        String userId = user.userId().value();
        if (request.userId() != null && !request.userId().equals(userId)) {
            return Mono.error(new TmcpException(ErrorCode.INSUFFICIENT_PERMISSIONS, "You can only register your own wallet"));
        }
        BigDecimal dailyLimit = request.initialSettings() == null ? null : request.initialSettings().dailyLimit();
        if (dailyLimit != null) {
            user.requireScope(FirstParty.SCOPE);
        }
        return wallets.register(userId, request.currency(), dailyLimit)
                .zipWhen(account -> wallets.balance(userId))
                .map(t -> new Registered(t.getT1().walletId(), userId, t.getT1().walletStatus(), t.getT1().userStatus(),
                        new Balance(t.getT2().available(), t.getT2().currency()), t.getT1().createdAt()));
    }
}
