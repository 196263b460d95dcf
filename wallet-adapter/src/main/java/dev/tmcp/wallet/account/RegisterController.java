package dev.tmcp.wallet.account;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.wallet.provider.AccountProvider;
import dev.tmcp.web.tep.TepPrincipal;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
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

    @PostMapping("/wallet/v1/register")
    Mono<Map<String, Object>> register(TepPrincipal user, @RequestBody RegisterRequest request) {
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
                .map(t -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("wallet_id", t.getT1().walletId());
                    body.put("user_id", userId);
                    body.put("status", t.getT1().walletStatus());
                    body.put("user_status", t.getT1().userStatus());
                    body.put("balance", Map.of("available", t.getT2().available(), "currency", t.getT2().currency()));
                    body.put("created_at", t.getT1().createdAt());
                    return body;
                });
    }
}
