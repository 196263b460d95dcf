package dev.tmcp.wallet.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.wallet.WalletProperties;
import dev.tmcp.wallet.provider.WalletProvider;
import dev.tmcp.wallet.roomcontext.RoomContextClient;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Decision 0027: an authenticator is enrolled only by the first-party wallet app. */
class TotpEnrolmentScopeTest {

    @Test
    void aWalletPayMiniAppCannotEnrolTotpEvenWithThePin() {
        WalletProvider wallets = mock(WalletProvider.class);
        AuthController controller = new AuthController(wallets, wallets, mock(WalletProperties.class), mock(RoomContextClient.class));
        TepPrincipal miniApp = new TepPrincipal(UserId.of("@alice:tween.example"), "ma_shop", Set.of("wallet:pay"),
                null, "ses_1", Map.of(), "tep");

        TmcpException refused = catchThrowableOfType(TmcpException.class,
                () -> controller.enrollTotp(miniApp, new AuthController.TotpRequest("a".repeat(64))).block());

        assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_PERMISSIONS);
        verifyNoInteractions(wallets);
    }
}
