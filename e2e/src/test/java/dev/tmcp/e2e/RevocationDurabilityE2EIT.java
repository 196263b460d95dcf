package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Redis loss keeps a revocation (decision 0025), through the gateway: with this test's revocation
 * key and the shared sentinel {@code tmcp:revoked:seeded} deleted, as a Redis restart without
 * persistence would, the revoked TEP is refused (503 while auth-service re-seeds, 401 after) and
 * never accepted. Deleting the sentinel makes every TEP of the stack answer 503 for the couple of
 * seconds until auth-service re-seeds it: tagged so that it can be run apart.
 */
@Tag("redis-loss")
class RevocationDurabilityE2EIT {

    private static final String SEEDED = "tmcp:revoked:seeded";

    @Test
    void redisLossKeepsARevocation() {
        Homeserver.User user = Homeserver.register("rloss_" + UUID.randomUUID().toString().substring(0, 8));
        String tep = Tmcp.tep(user.accessToken(), "user:read wallet:balance", null);
        assertThat(Http.post(Tmcp.GATEWAY + "/api/v1/auth/revoke", tep, Map.of("reason", "user_initiated")).status())
                .isEqualTo(200);
        assertThat(Http.get(Tmcp.GATEWAY + "/wallet/v1/balance", tep).status()).isEqualTo(401);
        String sessionKey = "tmcp:revoked:session:" + sessionId(tep);

        assertThat(RedisCommands.run("DEL", SEEDED, sessionKey)).isEqualTo(":2");
        List<Integer> seen = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            seen.add(Http.get(Tmcp.GATEWAY + "/wallet/v1/balance", tep).status());
            return RedisCommands.run("EXISTS", SEEDED).equals(":1");
        });
        seen.add(Http.get(Tmcp.GATEWAY + "/wallet/v1/balance", tep).status());

        assertThat(seen).as("never accepted while Redis had lost its revocations").allMatch(s -> s == 401 || s == 503);
        assertThat(seen.get(seen.size() - 1)).as("refused as revoked once re-seeded").isEqualTo(401);
        assertThat(RedisCommands.run("EXISTS", sessionKey)).isEqualTo(":1");
    }

    private static String sessionId(String tep) {
        String payload = tep.substring("tep.".length()).split("\\.")[1];
        return Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .path("session_id").asString();
    }
}
