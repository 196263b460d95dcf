package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.test.StackEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every query of the dashboards in {@code deploy/dashboards} returns data from the running stack,
 * asked of the Prometheus that {@code ./tmcp up --observability} starts (as {@code ./tmcp test}
 * does): a panel that stays empty, or a metric renamed under it, fails here.
 */
class DashboardQueriesE2EIT {

    private static final String PROMETHEUS = StackEnv.find("PROMETHEUS_URL").orElse("http://127.0.0.1:9090");
    private static final Path DASHBOARDS = Path.of("..", "deploy", "dashboards");

    /** Some series exist only once something happened: a transfer, a token grant. */
    @BeforeAll
    static void someTraffic() {
        assertThat(Http.get(PROMETHEUS + "/-/ready", null).status())
                .as("Prometheus at %s: start the stack with ./tmcp up --observability", PROMETHEUS).isEqualTo(200);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Homeserver.User alice = Homeserver.register("alice_dash_" + run);
        Homeserver.User bob = Homeserver.register("bob_dash_" + run);
        String room = Homeserver.privateRoom(alice, bob);
        String tep = Tmcp.tep(alice.accessToken(), "wallet:balance wallet:pay", room);
        Wallets.activate(alice, null);
        Wallets.fund(tep, "5.00");
        Http.Response initiated = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", tep, Map.of("recipient",
                bob.userId(), "amount", 1.25, "currency", "USD", "idempotency_key", "dash-" + run, "room_id", room));
        assertThat(initiated.status()).as("%s", initiated.body()).isEqualTo(200);
        assertThat(Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + initiated.text("transfer_id") + "/confirm", tep,
                Wallets.pinProof()).status()).isEqualTo(200);
    }

    @Test
    void everyPanelOfEveryDashboardReturnsData() throws Exception {
        List<String> queries = new ArrayList<>();
        try (var files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode panel : Http.JSON.readTree(Files.readString(file)).path("panels")) {
                    panel.path("targets").forEach(target -> queries.add(target.path("expr").asString()));
                }
            }
        }
        assertThat(queries).isNotEmpty();

        for (String query : queries) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
                Http.Response answer = Http.get(PROMETHEUS + "/api/v1/query?query=" + Http.enc(query), null);
                assertThat(answer.body().path("status").asString()).as("%s: %s", query, answer.body()).isEqualTo("success");
                assertThat(answer.body().path("data").path("result").size()).as("series for %s", query).isPositive();
            });
        }
    }
}
