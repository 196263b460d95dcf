package dev.tmcp.appstore.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.appstore.TestDevelopers;
import dev.tmcp.core.id.Ids;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The host's launch of a mini-app (decision 0051) on real PostgreSQL: the registered entry URL and
 * scopes, and a launch context the app's backend verifies with the published platform key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.outbox.relay.enabled=false", "spring.kafka.listener.auto-startup=false",
        "tmcp.tep.issuer=https://issuer.test"})
class LaunchIT {

    static final String HOST = Ids.next("ma_lhost");
    static final String SHOP = Ids.next("ma_lshop");
    static final String ROOM = "!shop:test";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestDevelopers.infrastructure(registry, 'L');
    }

    @LocalServerPort
    int port;
    @Autowired
    DatabaseClient db;

    @Test
    void aLaunchAnswersTheEntryUrlScopesAndAContextSignedWithThePlatformKey() throws Exception {
        apps();
        String user = user();

        JsonNode answer = launch(user, HOST, SHOP, ROOM, 200);

        assertThat(answer.path("entry_url").asString()).isEqualTo("https://shop.example/app/");
        assertThat(answer.path("scopes").valueStream().map(JsonNode::asString)).containsExactly("storage:read", "wallet:pay");
        String[] jws = answer.path("launch_context").asString().split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jws[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jws[1]));
        assertThat(header.path("typ").asString()).isEqualTo("tmcp-launch+jws");
        assertThat(header.path("alg").asString()).isEqualTo("EdDSA");
        assertThat(claims.path("user_id").asString()).isEqualTo(user);
        assertThat(claims.path("app").asString()).isEqualTo(SHOP);
        assertThat(claims.path("room_id").asString()).isEqualTo(ROOM);
        assertThat(claims.path("launch_source").asString()).isEqualTo("chat_bubble");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
        assertThat(verifies(jws, header.path("kid").asString())).as("verified with the published key").isTrue();
    }

    @Test
    void aContextWhoseClaimsWereChangedNoLongerVerifies() throws Exception {
        apps();
        String[] jws = launch(user(), HOST, SHOP, ROOM, 200).path("launch_context").asString().split("\\.");
        String other = new String(Base64.getUrlDecoder().decode(jws[1]), StandardCharsets.UTF_8).replace(ROOM, "!other:test");
        jws[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(other.getBytes(StandardCharsets.UTF_8));

        assertThat(verifies(jws, JSON.readTree(Base64.getUrlDecoder().decode(jws[0])).path("kid").asString())).isFalse();
    }

    @Test
    void onlyTheHostsOfficialAppLaunchesAMiniApp() {
        apps();
        launch(user(), SHOP, SHOP, ROOM, 403);
    }

    @Test
    void anUnknownOrSuspendedAppIsNotLaunched() {
        apps();
        String suspended = Ids.next("ma_lsus");
        db.sql("insert into mini_app (client_id, name, client_type, status, classification, entry_url) "
                        + "values (:id, 'Suspended', 'public', 'suspended', 'third_party', 'https://s.example/')")
                .bind("id", suspended).then().block();

        assertThat(launch(user(), HOST, suspended, ROOM, 404).path("error").path("code").asString()).isEqualTo("MINIAPP_NOT_FOUND");
        launch(user(), HOST, "ma_nothing_here", ROOM, 404);
    }

    @Test
    void aRoomThatIsNotAMatrixRoomIdIsA400() {
        apps();
        launch(user(), HOST, SHOP, "lobby", 400);
    }

    private boolean verifies(String[] jws, String kid) throws Exception {
        JsonNode keys = client().get().uri("/api/v1/client/signing-keys").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("keys");
        JsonNode jwk = keys.valueStream().filter(k -> kid.equals(k.path("kid").asString())).findFirst().orElseThrow();
        byte[] x = Base64.getUrlDecoder().decode(jwk.path("x").asString());
        byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] encoded = new byte[spki.length + x.length];
        System.arraycopy(spki, 0, encoded, 0, spki.length);
        System.arraycopy(x, 0, encoded, spki.length, x.length);
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(key);
        signature.update((jws[0] + "." + jws[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(jws[2]));
    }

    private JsonNode launch(String user, String client, String app, String room, int status) {
        return client().post().uri("/api/v1/client/launch").header("Authorization", TestDevelopers.tep(user, client, "user:read"))
                .bodyValue(Map.of("miniapp_id", app, "room_id", room))
                .exchange().expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private void apps() {
        db.sql("insert into mini_app (client_id, name, client_type, status, classification) "
                        + "values (:id, 'Host', 'public', 'active', 'official') on conflict do nothing")
                .bind("id", HOST).then().block();
        db.sql("insert into mini_app (client_id, name, client_type, status, classification, entry_url) "
                        + "values (:id, 'Shop', 'public', 'active', 'third_party', 'https://shop.example/app/') on conflict do nothing")
                .bind("id", SHOP).then().block();
        db.sql("insert into mini_app_scope (client_id, scope, pre_approved) values (:id, 'wallet:pay', false), "
                        + "(:id, 'storage:read', true) on conflict do nothing")
                .bind("id", SHOP).then().block();
    }

    private static String user() {
        return "@" + Ids.next("launch").toLowerCase() + ":test";
    }

    private WebTestClient client() {
        return TestDevelopers.client(port);
    }
}
