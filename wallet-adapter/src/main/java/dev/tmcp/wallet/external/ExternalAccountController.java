package dev.tmcp.wallet.external;

import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.input.Inputs;
import dev.tmcp.wallet.provider.AccountProvider;
import dev.tmcp.wallet.provider.ExternalProvider;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Spec 6.5: link and verify an external account, and fund the wallet from it. */
@RestController
class ExternalAccountController {

    private final ExternalProvider external;
    private final AccountProvider accounts;

    ExternalAccountController(ExternalProvider external, AccountProvider accounts) {
        this.external = external;
        this.accounts = accounts;
    }

    record LinkRequest(@NotBlank @Size(max = 20) @Pattern(regexp = Inputs.PRINTABLE) String type) {
    }

    record VerifyRequest(@NotBlank @Size(max = Inputs.MAX_ID) @Pattern(regexp = Inputs.PRINTABLE) String externalAccountId,
            Map<String, Object> verificationData) {
    }

    record FundRequest(@NotBlank @Size(max = Inputs.MAX_ID) @Pattern(regexp = Inputs.PRINTABLE) String sourceAccountId,
            @NotNull BigDecimal amount, @NotBlank String currency,
            @NotBlank @Size(max = 100) @Pattern(regexp = Inputs.PRINTABLE) String idempotencyKey) {
    }

    record Funded(String fundingId, String status, BigDecimal amount, String currency, Balance balance) {
    }

    record Balance(BigDecimal available, String currency) {
    }

    @PostMapping("/wallet/v1/external/link")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ExternalProvider.ExternalAccount> link(TepPrincipal user, @Valid @RequestBody LinkRequest request) {
        user.requireScope("wallet:pay");
        return external.linkExternal(user.userId().value(), request.type());
    }

    @PostMapping("/wallet/v1/external/verify")
    Mono<ExternalProvider.ExternalAccount> verify(TepPrincipal user, @Valid @RequestBody VerifyRequest request) {
        user.requireScope("wallet:pay");
        return external.verifyExternal(user.userId().value(), request.externalAccountId(), request.verificationData());
    }

    @PostMapping("/wallet/v1/external/fund")
    Mono<Funded> fund(TepPrincipal user, @Valid @RequestBody FundRequest request) {
        user.requireScope("wallet:pay");
        Money amount = Money.parsePositive(request.amount(), request.currency());
        String userId = user.userId().value();
        return external.fund(userId, request.sourceAccountId(), amount, request.idempotencyKey())
                .zipWhen(funded -> accounts.balance(userId))
                .map(t -> new Funded(t.getT1().ledgerTxnId(), "completed", amount.toDecimal(), amount.currencyCode(),
                        new Balance(t.getT2().available(), t.getT2().currency())));
    }
}
