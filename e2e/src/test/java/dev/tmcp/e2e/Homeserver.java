package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/** The real Synapse of the stack, used as a Matrix client would (plus shared-secret registration). */
final class Homeserver {

    static final String URL = StackEnv.get("SYNAPSE_URL");
    static final String SERVER = StackEnv.get("SYNAPSE_SERVER_NAME");

    record User(String userId, String accessToken) {
    }

    private Homeserver() {
    }

    static User register(String localpart) {
        String password = "pw-" + localpart;
        String nonce = Http.get(URL + "/_synapse/admin/v1/register", null).text("nonce");
        String mac = hmac(StackEnv.get("SYNAPSE_REGISTRATION_SECRET"), nonce + "\0" + localpart + "\0" + password + "\0notadmin");
        Http.Response r = Http.post(URL + "/_synapse/admin/v1/register", null,
                Map.of("nonce", nonce, "username", localpart, "password", password, "admin", false, "mac", mac));
        assertThat(r.status()).as("register %s: %s", localpart, r.body()).isEqualTo(200);
        return new User(r.text("user_id"), r.text("access_token"));
    }

    /** A new access token for the user (a fresh login, as a second device would get). */
    static String login(User user) {
        String localpart = user.userId().substring(1, user.userId().indexOf(':'));
        Http.Response r = Http.post(URL + "/_matrix/client/v3/login", null, Map.of("type", "m.login.password",
                "identifier", Map.of("type", "m.id.user", "user", localpart), "password", "pw-" + localpart));
        assertThat(r.status()).as("login %s: %s", localpart, r.body()).isEqualTo(200);
        return r.text("access_token");
    }

    /** An ordinary invite-only room: alice creates it and invites the others, who join. */
    static String privateRoom(User creator, User... members) {
        List<String> invites = java.util.Arrays.stream(members).map(User::userId).toList();
        Http.Response r = Http.post(URL + "/_matrix/client/v3/createRoom", creator.accessToken(),
                Map.of("preset", "private_chat", "name", "e2e", "invite", invites));
        assertThat(r.status()).as("createRoom: %s", r.body()).isEqualTo(200);
        String roomId = r.text("room_id");
        for (User member : members) {
            assertThat(Http.post(URL + "/_matrix/client/v3/join/" + Http.enc(roomId), member.accessToken(), Map.of()).status())
                    .isEqualTo(200);
        }
        return roomId;
    }

    /**
     * Waits, as a Matrix client does (an initial /sync, then long-polling incremental syncs), until
     * events of a type show up in a room's timeline; returns all seen by then.
     */
    static List<JsonNode> awaitTimeline(User user, String roomId, String eventType, Duration timeout) {
        String filter = Http.JSON.writeValueAsString(Map.of("room", Map.of("timeline", Map.of("limit", 50, "types", List.of(eventType)))));
        List<JsonNode> seen = new ArrayList<>();
        String since = null;
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String url = URL + "/_matrix/client/v3/sync?timeout=5000&filter=" + Http.enc(filter)
                    + (since == null ? "" : "&since=" + Http.enc(since));
            Http.Response r = Http.get(url, user.accessToken());
            assertThat(r.status()).isEqualTo(200);
            r.body().path("rooms").path("join").path(roomId).path("timeline").path("events").valueStream().forEach(seen::add);
            if (!seen.isEmpty()) {
                return seen;
            }
            since = r.text("next_batch");
        }
        return seen;
    }

    static JsonNode state(User user, String roomId, String type) {
        return Http.get(URL + "/_matrix/client/v3/rooms/" + Http.enc(roomId) + "/state/" + type, user.accessToken()).body();
    }

    private static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
