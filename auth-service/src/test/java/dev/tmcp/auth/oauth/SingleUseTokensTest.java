package dev.tmcp.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.auth.oauth.SingleUseTokens.Refusal;
import org.junit.jupiter.api.Test;

class SingleUseTokensTest {

    @Test
    void aTokenPresentedByAnotherClientIsRefusedAsWrongClientNotAsReuse() {
        assertThat(SingleUseTokens.refusal(true, "ma_shop", "ma_thief")).isEqualTo(Refusal.WRONG_CLIENT);
        assertThat(SingleUseTokens.refusal(false, "ma_shop", "ma_thief")).isEqualTo(Refusal.WRONG_CLIENT);
    }

    @Test
    void aUsedTokenPresentedByItsHolderIsReuse() {
        assertThat(SingleUseTokens.refusal(true, "ma_shop", "ma_shop")).isEqualTo(Refusal.REUSED);
    }

    @Test
    void anUnusedTokenItsHolderCannotRedeemHasExpired() {
        assertThat(SingleUseTokens.refusal(false, "ma_shop", "ma_shop")).isEqualTo(Refusal.EXPIRED);
    }

    @Test
    void withoutAHolderCheckOnlyUseMatters() {
        assertThat(SingleUseTokens.refusal(true, null, null)).isEqualTo(Refusal.REUSED);
        assertThat(SingleUseTokens.refusal(false, null, null)).isEqualTo(Refusal.EXPIRED);
    }
}
