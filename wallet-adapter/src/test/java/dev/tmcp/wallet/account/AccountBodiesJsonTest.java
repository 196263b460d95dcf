package dev.tmcp.wallet.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.wallet.provider.AccountProvider;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The account answers as JSON, with the mapper settings of tmcp-defaults.yml (snake_case, nulls left out). */
class AccountBodiesJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    private static final AccountProvider.Account ACTIVE = new AccountProvider.Account("tw_b", "@bob:t.example", "active",
            "active", "USD", 1, true, "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z");
    private static final ResolveResponses.Resolved BOB = new ResolveResponses.Resolved("@bob:t.example", "tw_b", "active",
            "active", "Bob", null, true, "2026-01-01T00:00:00Z", null, null, null);
    private static final ResolveResponses.Resolved CAROL = new ResolveResponses.Resolved("@carol:t.example", "tw_c",
            "active", "pending", "Carol", "mxc://t/c", false, "2026-01-03T00:00:00Z", true, "https://w/activate?user=c",
            new ResolveResponses.PendingBalance(new BigDecimal("5.00"), "USD"));
    private static final ResolveResponses.Unresolved GHOST = ResolveResponses.Unresolved.of("@ghost:t.example",
            new TmcpException(ErrorCode.NO_SHARED_ROOM, "No shared room"));

    @Test
    void anActivationHasTheBonusOnlyWhenOneWasPaid() {
        var balance = new AccountProvider.Balance("tw_b", "@bob:t.example", "active", new BigDecimal("10.00"),
                BigDecimal.ZERO, "USD", 1, BigDecimal.ZERO);
        assertThat(JSON.writeValueAsString(ActivationController.Activated.from(
                new AccountProvider.Activation(ACTIVE, balance, new BigDecimal("5.00")))))
                .isEqualTo("{\"wallet_id\":\"tw_b\",\"user_id\":\"@bob:t.example\",\"user_status\":\"active\","
                        + "\"payment_enabled\":true,\"balance\":{\"available\":10.00,\"pending\":0,\"currency\":\"USD\"},"
                        + "\"activated_at\":\"2026-01-02T00:00:00Z\","
                        + "\"incentive_claimed\":{\"type\":\"activation_bonus\",\"amount\":5.00,\"currency\":\"USD\"}}");
        assertThat(JSON.writeValueAsString(ActivationController.Activated.from(
                new AccountProvider.Activation(ACTIVE, balance, null)))).doesNotContain("incentive_claimed");
    }

    @Test
    void aVerificationLeavesOutAnAbsentVerificationDate() {
        var v = new AccountProvider.Verification(1, "basic", null, new BigDecimal("500.00"), new BigDecimal("100.00"),
                new BigDecimal("5000.00"), "USD", true, true, List.of());
        assertThat(JSON.writeValueAsString(VerificationController.VerificationResponse.from(v)))
                .isEqualTo("{\"level\":1,\"level_name\":\"basic\",\"limits\":{\"daily_limit\":500.00,"
                        + "\"transaction_limit\":100.00,\"monthly_limit\":5000.00,\"currency\":\"USD\"},"
                        + "\"features\":{\"p2p_send\":true,\"p2p_receive\":true,\"miniapp_payments\":true},"
                        + "\"can_upgrade\":true}");
    }

    @Test
    void aPendingUserResolvesWithTheActivationFields() {
        assertThat(JSON.writeValueAsString(BOB)).isEqualTo("{\"user_id\":\"@bob:t.example\",\"wallet_id\":\"tw_b\","
                + "\"wallet_status\":\"active\",\"user_status\":\"active\",\"display_name\":\"Bob\","
                + "\"payment_enabled\":true,\"created_at\":\"2026-01-01T00:00:00Z\"}");
        assertThat(JSON.writeValueAsString(CAROL)).endsWith("\"created_at\":\"2026-01-03T00:00:00Z\","
                + "\"activation_required\":true,\"activation_url\":\"https://w/activate?user=c\","
                + "\"pending_balance\":{\"amount\":5.00,\"currency\":\"USD\"}}");
    }

    @Test
    void aBatchWithoutRoomIsAListWithTheUnresolvedOnlyWhenThereAreSome() {
        assertThat(JSON.writeValueAsString(ResolveResponses.ListResponse.of(List.of(BOB, GHOST), 2)))
                .isEqualTo("{\"results\":[" + JSON.writeValueAsString(BOB) + "],\"resolved_count\":1,\"total_count\":2,"
                        + "\"unresolved\":[{\"user_id\":\"@ghost:t.example\",\"error\":{\"code\":\"NO_SHARED_ROOM\","
                        + "\"message\":\"No shared room\"}}]}");
        assertThat(JSON.writeValueAsString(ResolveResponses.ListResponse.of(List.of(BOB), 1)))
                .doesNotContain("unresolved");
    }

    @Test
    void aBatchInARoomIsByUserIdWithHasWalletLast() {
        assertThat(JSON.writeValueAsString(ResolveResponses.RoomResponse.of(List.of(BOB, GHOST))))
                .isEqualTo("{\"users\":{\"@bob:t.example\":{\"wallet_id\":\"tw_b\",\"wallet_status\":\"active\","
                        + "\"user_status\":\"active\",\"display_name\":\"Bob\",\"payment_enabled\":true,"
                        + "\"created_at\":\"2026-01-01T00:00:00Z\",\"has_wallet\":true},"
                        + "\"@ghost:t.example\":{\"error\":{\"code\":\"NO_SHARED_ROOM\",\"message\":\"No shared room\"}}}}");
    }
}
