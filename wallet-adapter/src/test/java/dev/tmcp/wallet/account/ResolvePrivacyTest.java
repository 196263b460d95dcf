package dev.tmcp.wallet.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.wallet.WalletProperties;
import dev.tmcp.wallet.provider.WalletProvider;
import dev.tmcp.wallet.roomcontext.RoomContextClient;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Spec 6.3.7: resolution tells a stranger nothing, and creates nothing for them. */
class ResolvePrivacyTest {

    private static final String STRANGER = "@stranger:tween.example";
    private static final String GHOST = "@ghost:tween.example";

    private final WalletProvider wallets = mock(WalletProvider.class);
    private final RoomContextClient rooms = mock(RoomContextClient.class);
    private final ResolutionCache cache = mock(ResolutionCache.class);
    private final TepPrincipal alice = new TepPrincipal(UserId.of("@alice:tween.example"), "ma_app",
            Set.of("user:read"), null, "ses_1", Map.of(), "tep");
    private ResolveController controller;

    @BeforeEach
    void setUp() {
        controller = new ResolveController(wallets, rooms, mock(WalletProperties.class), cache);
        when(cache.get(anyString())).thenReturn(Mono.empty());
        when(rooms.sharedRoom(any(), anyString(), isNull())).thenReturn(Mono.just(new RoomContextClient.SharedRoom(false, null)));
        when(rooms.user(any(), eq(STRANGER))).thenReturn(Mono.just(new RoomContextClient.MatrixUser(STRANGER, "S", null)));
        when(rooms.user(any(), eq(GHOST))).thenReturn(Mono.error(new TmcpException(ErrorCode.USER_NOT_FOUND, "No such user")));
        when(wallets.ensureAccount(anyString())).thenReturn(Mono.error(new AssertionError("no wallet may be created")));
    }

    @Test
    void anUnknownUserAndAStrangerGetTheSameAnswer() {
        TmcpException stranger = refusal(STRANGER);
        TmcpException ghost = refusal(GHOST);

        assertThat(ghost.code()).isEqualTo(stranger.code()).isEqualTo(ErrorCode.NO_SHARED_ROOM);
        assertThat(ghost.getMessage()).isEqualTo(stranger.getMessage());
        assertThat(ghost.details()).isEqualTo(stranger.details());
    }

    @Test
    void noWalletIsCreatedForAUserTheCallerSharesNoRoomWith() {
        refusal(STRANGER);

        verify(wallets, never()).ensureAccount(anyString());
    }

    private TmcpException refusal(String userId) {
        return catchThrowableOfType(TmcpException.class, () -> controller.resolve(alice, userId, null).block());
    }
}
