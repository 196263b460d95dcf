package dev.tmcp.auth.developer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.tmcp.auth.developer.org.Organizations;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The developer token, logout and whitelist answers as JSON, with the mapper settings of tmcp-defaults.yml. */
class DeveloperAnswersJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    private static final DeveloperTokenResponse REFRESHED = DeveloperTokenResponse.refresh("dev.x", 86400, "rt_dev_1");

    @Test
    void aRefreshAnswersOnlyTheTokens() {
        assertThat(JSON.writeValueAsString(REFRESHED)).isEqualTo("{\"access_token\":\"dev.x\",\"token_type\":\"Bearer\","
                + "\"expires_in\":86400,\"refresh_token\":\"rt_dev_1\"}");
    }

    @Test
    void aLoginAlsoAnswersTheDeveloperRolesAndOrganizations() {
        var login = REFRESHED.login("@dev:tween.example", List.of("developer"),
                List.of(new Organizations.Membership("org_1", "Example", "admin")));
        assertThat(JSON.writeValueAsString(login)).isEqualTo("{\"access_token\":\"dev.x\",\"token_type\":\"Bearer\","
                + "\"expires_in\":86400,\"refresh_token\":\"rt_dev_1\",\"developer_id\":\"@dev:tween.example\","
                + "\"roles\":[\"developer\"],\"organizations\":[{\"org_id\":\"org_1\",\"name\":\"Example\",\"role\":\"admin\"}]}");
    }

    @Test
    void aLogoutAlwaysAnswersRevoked() {
        assertThat(JSON.writeValueAsString(DeveloperTokenEndpoint.Revoked.ANSWER))
                .isEqualTo("{\"revoked\":true,\"message\":\"Developer token and refresh token have been revoked\"}");
    }

    @Test
    void theWhitelistLeavesOutAMissingNote() {
        var entry = new Whitelist.Entry("@dev:tween.example", null, "platform", Instant.parse("2026-01-02T03:04:05.5Z"));
        assertThat(JSON.writeValueAsString(new WhitelistController.Whitelisted(
                List.of(WhitelistController.WhitelistedDeveloper.from(entry)))))
                .isEqualTo("{\"developers\":[{\"matrix_user_id\":\"@dev:tween.example\",\"added_by\":\"platform\","
                        + "\"added_at\":\"2026-01-02T03:04:05.500Z\"}]}");
        assertThat(JSON.writeValueAsString(new WhitelistController.Removed("@dev:tween.example", true, 2)))
                .isEqualTo("{\"developer_id\":\"@dev:tween.example\",\"removed\":true,\"sessions_revoked\":2}");
    }
}
