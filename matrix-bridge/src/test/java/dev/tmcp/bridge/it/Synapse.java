package dev.tmcp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.StackEnv;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stack's real Synapse, used the way a Matrix client uses it: shared-secret registration of
 * test users, rooms, and {@code /sync} to read what arrived.
 */
public final class Synapse {

    public static final String URL = StackEnv.get("SYNAPSE_URL");
    public static final String SERVER = StackEnv.get("SYNAPSE_SERVER_NAME");
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record User(String userId, String accessToken) {
    }

    public record Response(int status, JsonNode body) {
    }

    private Synapse() {
    }

    public static User register(String localpart) {
        String password = "pw-" + localpart;
        String nonce = call("GET", "/_synapse/admin/v1/register", null, null).body().path("nonce").asString();
        String mac = hmac(StackEnv.get("SYNAPSE_REGISTRATION_SECRET"),
                nonce + "\0" + localpart + "\0" + password + "\0notadmin");
        Response r = call("POST", "/_synapse/admin/v1/register", null,
                Map.of("nonce", nonce, "username", localpart, "password", password, "admin", false, "mac", mac));
        assertThat(r.status()).as("register %s: %s", localpart, r.body()).isEqualTo(200);
        return new User(r.body().path("user_id").asString(), r.body().path("access_token").asString());
    }

    /** A room made by {@code creator} with the given preset; the members are invited and join. */
    public static String room(User creator, String preset, User... members) {
        Response r = call("POST", "/_matrix/client/v3/createRoom", creator.accessToken(),
                Map.of("preset", preset, "name", "it", "invite", List.of(members).stream().map(User::userId).toList()));
        assertThat(r.status()).as("createRoom: %s", r.body()).isEqualTo(200);
        String roomId = r.body().path("room_id").asString();
        for (User member : members) {
            join(member, roomId);
        }
        return roomId;
    }

    public static void join(User user, String roomId) {
        Response r = call("POST", "/_matrix/client/v3/join/" + enc(roomId), user.accessToken(), Map.of());
        assertThat(r.status()).as("join %s: %s", roomId, r.body()).isEqualTo(200);
    }

    public static void invite(User inviter, String roomId, String userId) {
        Response r = call("POST", "/_matrix/client/v3/rooms/" + enc(roomId) + "/invite", inviter.accessToken(),
                Map.of("user_id", userId));
        assertThat(r.status()).as("invite: %s", r.body()).isEqualTo(200);
    }

    /** The room's events of the given types, oldest first, read with /messages from the start. */
    public static List<JsonNode> timeline(User user, String roomId, List<String> types) {
        String filter = JSON.writeValueAsString(Map.of("types", types, "limit", 1000));
        List<JsonNode> events = new ArrayList<>();
        String from = null;
        for (int page = 0; page < 50; page++) {
            Response r = call("GET", "/_matrix/client/v3/rooms/" + enc(roomId) + "/messages?dir=f&limit=1000&filter="
                    + enc(filter) + (from == null ? "" : "&from=" + enc(from)), user.accessToken(), null);
            assertThat(r.status()).as("messages: %s", r.body()).isEqualTo(200);
            r.body().path("chunk").forEach(events::add);
            if (!r.body().path("end").isString() || r.body().path("chunk").isEmpty()) {
                break;
            }
            from = r.body().path("end").asString();
        }
        return events;
    }

    /**
     * Syncs as a Matrix client does (initial /sync, then long-polling incremental ones) until the
     * events seen in the room's timeline satisfy {@code done}; returns them all.
     */
    public static List<JsonNode> syncUntil(User user, String roomId, Predicate<List<JsonNode>> done, Duration timeout) {
        String filter = JSON.writeValueAsString(Map.of("room", Map.of("rooms", List.of(roomId),
                "timeline", Map.of("limit", 100), "state", Map.of("lazy_load_members", true))));
        List<JsonNode> seen = new ArrayList<>();
        String since = null;
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Response r = call("GET", "/_matrix/client/v3/sync?timeout=5000&filter=" + enc(filter)
                    + (since == null ? "" : "&since=" + enc(since)), user.accessToken(), null);
            assertThat(r.status()).as("sync: %s", r.body()).isEqualTo(200);
            JsonNode room = r.body().path("rooms").path("join").path(roomId);
            room.path("timeline").path("events").forEach(seen::add);
            if (done.test(seen)) {
                return seen;
            }
            since = r.body().path("next_batch").asString();
        }
        return seen;
    }

    /**
     * The first room the user is invited to, by long-polling /sync with a since token (Synapse
     * caches an identical initial /sync for minutes, so repeating one would not see a new invite).
     */
    public static String awaitInvite(User user, Duration timeout) {
        String since = null;
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Response r = call("GET", "/_matrix/client/v3/sync?timeout=5000" + (since == null ? "" : "&since=" + enc(since)),
                    user.accessToken(), null);
            assertThat(r.status()).as("sync: %s", r.body()).isEqualTo(200);
            for (String roomId : r.body().path("rooms").path("invite").propertyNames()) {
                return roomId;
            }
            since = r.body().path("next_batch").asString();
        }
        throw new AssertionError(user.userId() + " was not invited to any room within " + timeout);
    }

    public static JsonNode state(User user, String roomId, String type, String stateKey) {
        return call("GET", "/_matrix/client/v3/rooms/" + enc(roomId) + "/state/" + enc(type) + "/" + enc(stateKey),
                user.accessToken(), null).body();
    }

    public static Response call(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(URL + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String userId(String localpart) {
        return "@" + localpart + ":" + SERVER;
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
