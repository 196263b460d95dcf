package dev.tmcp.wallet.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verify;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.wallet.provider.WalletProvider;
import dev.tmcp.web.tep.TepPrincipal;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Decision 0027: activation and limit changes belong to the first-party wallet app, not to a wallet:pay mini-app. */
class FirstPartyOperationsTest {

    private final WalletProvider wallets = mock(WalletProvider.class);
    private final TepPrincipal miniApp = new TepPrincipal(UserId.of("@alice:tween.example"), "ma_shop",
            Set.of("wallet:pay", "wallet:balance", "user:read"), null, "ses_1", Map.of(), "tep");

    @Test
    void aWalletPayMiniAppCannotActivate() {
        ActivationController controller = new ActivationController(wallets, mock(ResolutionCache.class));
        ActivationRequest request = new ActivationRequest(null,
                new ActivationRequest.VerificationData(null, null, "482913", true, "1.5.0"));

        TmcpException refused = catchThrowableOfType(TmcpException.class, () -> controller.activate(miniApp, request).block());

        assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_PERMISSIONS);
        verifyNoInteractions(wallets);
    }

    @Test
    void aWalletPayMiniAppCannotChangeTheDailyLimitAtRegistration() {
        RegisterController controller = new RegisterController(wallets);
        RegisterController.RegisterRequest request = new RegisterController.RegisterRequest(null, null,
                new RegisterController.InitialSettings(null, new BigDecimal("1.00")));

        TmcpException refused = catchThrowableOfType(TmcpException.class, () -> controller.register(miniApp, request).block());

        assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_PERMISSIONS);
        verify(wallets, never()).register(any(), any(), any());
    }
}
