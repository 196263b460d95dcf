package dev.tmcp.wallet.ledger.external;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.wallet.WalletProperties;
import dev.tmcp.web.tep.TepPrincipal;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** With the sandbox flag off (the production default) the sandbox source cannot be linked or used. */
class SandboxFlagTest {

    private final TepPrincipal alice = new TepPrincipal(UserId.of("@alice:test"), "ma_demo", Set.of("wallet:pay"),
            "tw_1", "ses_1", Map.of(), "tep.x");
    private final ExternalAccounts accounts = new ExternalAccounts(null, null, null, null,
            new WalletProperties("USD", false, "http://x", "http://y", 5,
                    java.time.Duration.ofMinutes(15), java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO));

    @Test
    void linkingASandboxAccountIsRefusedWhenTheFlagIsOff() {
        StepVerifier.create(accounts.link(alice.userId().value(), "sandbox"))
                .expectErrorSatisfies(e -> assertThat(((TmcpException) e).code()).isEqualTo(ErrorCode.SANDBOX_DISABLED))
                .verify();
    }

    @Test
    void fundingFromTheSandboxIsRefusedWhenTheFlagIsOff() {
        StepVerifier.create(accounts.fund(alice.userId().value(), "ext_1", dev.tmcp.core.money.Money.parse(new BigDecimal("5.00"), "USD"), "k"))
                .expectErrorSatisfies(e -> assertThat(((TmcpException) e).code()).isEqualTo(ErrorCode.SANDBOX_DISABLED))
                .verify();
    }

    @Test
    void accountTypesThisProviderCannotServeAreRefused() {
        StepVerifier.create(accounts.link(alice.userId().value(), "bank"))
                .expectErrorSatisfies(e -> assertThat(((TmcpException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .verify();
    }
}
