package dev.tmcp.wallet.external;

import dev.tmcp.core.money.Money;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Spec 6.5: link an external account and fund the wallet from it. */
@RestController
class ExternalAccountController {

    private final ExternalAccounts accounts;

    ExternalAccountController(ExternalAccounts accounts) {
        this.accounts = accounts;
    }

    record LinkRequest(@NotBlank String type) {
    }

    record FundRequest(@NotBlank String sourceAccountId, @NotNull BigDecimal amount, @NotBlank String currency,
            @NotBlank @Size(max = 100) String idempotencyKey) {
    }

    @PostMapping("/wallet/v1/external/link")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Map<String, Object>> link(TepPrincipal user, @Valid @RequestBody LinkRequest request) {
        user.requireScope("wallet:pay");
        return accounts.link(user, request.type());
    }

    @PostMapping("/wallet/v1/external/fund")
    Mono<Map<String, Object>> fund(TepPrincipal user, @Valid @RequestBody FundRequest request) {
        user.requireScope("wallet:pay");
        Money amount = Money.parsePositive(request.amount(), request.currency());
        return accounts.fund(user, request.sourceAccountId(), amount, request.idempotencyKey());
    }
}
