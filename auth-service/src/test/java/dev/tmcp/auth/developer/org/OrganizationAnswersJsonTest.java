package dev.tmcp.auth.developer.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The organization answers (spec 4.4.4) as JSON, with the mapper settings of tmcp-defaults.yml. */
class OrganizationAnswersJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    private static final Instant AT = Instant.parse("2026-01-16T10:00:00Z");

    @Test
    void aCreatedOrganizationListsItsCreatorAsAdminAndLeavesOutAMissingDescription() {
        var org = new Organizations.Organization("org_1", "Example", null, null, null, "@dev:tween.example", AT);
        assertThat(JSON.writeValueAsString(OrganizationController.Created.of(org,
                new OrganizationController.Member("@dev:tween.example", "admin"))))
                .isEqualTo("{\"org_id\":\"org_1\",\"name\":\"Example\",\"created_by\":\"@dev:tween.example\","
                        + "\"created_at\":\"2026-01-16T10:00:00Z\",\"roles\":[{\"matrix_user_id\":\"@dev:tween.example\","
                        + "\"role\":\"admin\"}]}");
    }

    @Test
    void anInvitationAnswersWhenItExpires() {
        var inv = new Organizations.Invitation("inv_1", "org_1", "@alice:tween.example", "developer", "@dev:tween.example",
                AT, AT.plusSeconds(60), "pending");
        assertThat(JSON.writeValueAsString(OrganizationController.Invited.of(inv)))
                .isEqualTo("{\"invitation_id\":\"inv_1\",\"org_id\":\"org_1\",\"matrix_user_id\":\"@alice:tween.example\","
                        + "\"role\":\"developer\",\"invited_by\":\"@dev:tween.example\",\"invited_at\":\"2026-01-16T10:00:00Z\","
                        + "\"expires_at\":\"2026-01-16T10:01:00Z\",\"status\":\"pending\"}");
    }

    @Test
    void acceptanceAndRoleChanges() {
        assertThat(JSON.writeValueAsString(new OrganizationController.Accepted("inv_1", "accepted", "org_1", "Example",
                "developer", "@alice:tween.example"))).isEqualTo("{\"invitation_id\":\"inv_1\",\"status\":\"accepted\","
                        + "\"org_id\":\"org_1\",\"name\":\"Example\",\"role\":\"developer\",\"matrix_user_id\":\"@alice:tween.example\"}");
        assertThat(JSON.writeValueAsString(new OrganizationController.RoleChanged("org_1", "@alice:tween.example", "viewer")))
                .isEqualTo("{\"org_id\":\"org_1\",\"matrix_user_id\":\"@alice:tween.example\",\"role\":\"viewer\"}");
    }
}
