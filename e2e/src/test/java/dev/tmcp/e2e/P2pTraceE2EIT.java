package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.test.StackEnv;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One P2P confirm is one trace, fetched from the trace backend: from the gateway through
 * payment-service and wallet-adapter, through the outbox and Kafka, to matrix-bridge sending the
 * card to the homeserver (decision 0046). Needs {@code ./tmcp up --observability}.
 */
class P2pTraceE2EIT {

    private static final String ZIPKIN = StackEnv.find("ZIPKIN_URL").orElse("http://127.0.0.1:9411");

    @Test
    void aConfirmedTransferIsOneTraceFromTheGatewayToTheHomeserverSend() {
        assertThat(Http.get(ZIPKIN + "/health", null).status())
                .as("Zipkin at %s: start the stack with ./tmcp up --observability", ZIPKIN).isEqualTo(200);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Homeserver.User alice = Homeserver.register("alice_trace_" + run);
        Homeserver.User bob = Homeserver.register("bob_trace_" + run);
        String room = Homeserver.privateRoom(alice, bob);
        String tep = Tmcp.tep(alice.accessToken(), "wallet:balance wallet:pay", room);
        Wallets.activate(alice, null);
        Wallets.fund(tep, "10.00");
        Http.Response initiated = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", tep, Map.of("recipient",
                bob.userId(), "amount", 1.25, "currency", "USD", "idempotency_key", "trace-" + run, "room_id", room));
        assertThat(initiated.status()).as("%s", initiated.body()).isEqualTo(200);
        String traceId = randomHex(16);

        Http.Response confirmed = Http.postTraced(Tmcp.GATEWAY + "/wallet/v1/p2p/" + initiated.text("transfer_id")
                + "/confirm", tep, Wallets.pinProof(), "00-" + traceId + "-" + randomHex(8) + "-01");

        assertThat(confirmed.status()).as("%s", confirmed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<JsonNode> spans = trace(traceId);
            assertThat(spans.stream().map(P2pTraceE2EIT::service).collect(Collectors.toSet()))
                    .containsAll(Set.of("gateway", "payment-service", "wallet-adapter", "matrix-bridge"));
            assertThat(spans).anySatisfy(span -> {
                assertThat(service(span)).isEqualTo("payment-service");
                assertThat(span.path("kind").asString()).isEqualTo("PRODUCER");
                assertThat(span.path("name").asString()).contains("tmcp.p2p");
            });
            assertThat(spans).anySatisfy(span -> {
                assertThat(service(span)).isEqualTo("matrix-bridge");
                assertThat(span.path("kind").asString()).isEqualTo("CONSUMER");
            });
            assertThat(spans).anySatisfy(span -> {
                assertThat(service(span)).isEqualTo("matrix-bridge");
                assertThat(span.path("name").asString()).isEqualTo("matrix send m.tween.wallet.p2p");
            });
        });
    }

    private static List<JsonNode> trace(String traceId) {
        Http.Response response = Http.get(ZIPKIN + "/api/v2/trace/" + traceId, null);
        if (response.status() == 404) {
            return List.of();
        }
        assertThat(response.status()).isEqualTo(200);
        return StreamSupport.stream(response.body().spliterator(), false).toList();
    }

    private static String service(JsonNode span) {
        return span.path("localEndpoint").path("serviceName").asString();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
