package dev.tmcp.wallet.account;

import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class ActivationController {

    private final ActivationService activation;
    private final Ledger ledger;

    ActivationController(ActivationService activation, Ledger ledger) {
        this.activation = activation;
        this.ledger = ledger;
    }

    /** Spec 6.3.10: a TEP with {@code wallet:pay} activates its own user's account. */
    @PostMapping("/wallet/v1/activate")
    Mono<Map<String, Object>> activate(TepPrincipal user, @Valid @RequestBody ActivationRequest request) {
        user.requireScope("wallet:pay");
        return activation.activate(user, request)
                .flatMap(wallet -> ledger.balance(wallet.accountId()).map(available -> {
                    Money bonus = activation.activationBonus(wallet.currency());
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("wallet_id", wallet.walletId());
                    body.put("user_id", wallet.userId());
                    body.put("user_status", wallet.userStatus());
                    body.put("payment_enabled", wallet.isActive());
                    body.put("balance", Map.of("available", decimal(available, wallet.currency()),
                            "pending", decimal(0, wallet.currency()), "currency", wallet.currency()));
                    body.put("activated_at", wallet.activatedAt().toString());
                    if (bonus.minorUnits() > 0) {
                        body.put("incentive_claimed", Map.of("type", "activation_bonus", "amount", bonus.toDecimal(),
                                "currency", bonus.currencyCode()));
                    }
                    return body;
                }));
    }

    private static BigDecimal decimal(long minor, String currency) {
        return Money.ofMinor(minor, currency).toDecimal();
    }
}
