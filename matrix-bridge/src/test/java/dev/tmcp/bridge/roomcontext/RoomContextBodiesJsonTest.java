package dev.tmcp.bridge.roomcontext;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The room context answers as JSON, with the mapper settings of tmcp-defaults.yml (snake_case, nulls left out). */
class RoomContextBodiesJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    @Test
    void aUserHasAnAvatarOnlyWhenTheProfileHasOne() {
        assertThat(JSON.writeValueAsString(new RoomContextController.UserProfile("@bob:tween.example", "Bob",
                "mxc://tween.example/b"))).isEqualTo("{\"user_id\":\"@bob:tween.example\",\"display_name\":\"Bob\","
                        + "\"avatar_url\":\"mxc://tween.example/b\"}");
        assertThat(JSON.writeValueAsString(new RoomContextController.UserProfile("@bob:tween.example", "bob", null)))
                .isEqualTo("{\"user_id\":\"@bob:tween.example\",\"display_name\":\"bob\"}");
    }

    @Test
    void aSharedRoomIsNamedOnlyWhenThereIsOne() {
        assertThat(JSON.writeValueAsString(new RoomContextController.SharedRoom(true, "!r:tween.example")))
                .isEqualTo("{\"shared\":true,\"room_id\":\"!r:tween.example\"}");
        assertThat(JSON.writeValueAsString(new RoomContextController.SharedRoom(false, null))).isEqualTo("{\"shared\":false}");
    }
}
