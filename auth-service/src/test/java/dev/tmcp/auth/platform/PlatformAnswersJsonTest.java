package dev.tmcp.auth.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The admin answers as JSON, with the naming of tmcp-defaults.yml ({@code SNAKE_CASE}). */
class PlatformAnswersJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    @Test
    void aKeyRotationAnswersTheNewActiveKid() {
        assertThat(JSON.writeValueAsString(new KeyAdminController.Rotated("kid_2", true)))
                .isEqualTo("{\"active_kid\":\"kid_2\",\"rotated\":true}");
    }

    @Test
    void anAccountDeletionAnswersTheSessionsItEnded() {
        assertThat(JSON.writeValueAsString(new AccountAdminController.Deleted("@alice:tween.example", true, 2)))
                .isEqualTo("{\"user_id\":\"@alice:tween.example\",\"deleted\":true,\"sessions_revoked\":2}");
    }
}
