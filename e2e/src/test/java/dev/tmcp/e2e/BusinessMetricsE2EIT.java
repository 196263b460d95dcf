package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.test.StackEnv;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The business metrics an operator's dashboards read, scraped from the services as Prometheus does. */
class BusinessMetricsE2EIT {

    private static final String PAYMENT_SERVICE = StackEnv.get("PAYMENT_SERVICE_URL").split(",")[0];
    private static final String AUTH_SERVICE = Tmcp.AUTH_SERVICE.split(",")[0];

    @Test
    void aConfirmedTransferIsCountedAsMoneyMovedInMinorUnits() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Homeserver.User alice = Homeserver.register("alice_metrics_" + run);
        Homeserver.User bob = Homeserver.register("bob_metrics_" + run);
        String room = Homeserver.privateRoom(alice, bob);
        String tep = Tmcp.tep(alice.accessToken(), "wallet:balance wallet:pay", room);
        Wallets.activate(alice, null);
        Wallets.fund(tep, "10.00");
        String moved = "tmcp_money_moved_total{currency=\"USD\",type=\"p2p.completed\"";
        double before = scrape(PAYMENT_SERVICE, moved);

        Http.Response initiated = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", tep, Map.of("recipient",
                bob.userId(), "amount", 2.35, "currency", "USD", "idempotency_key", "metrics-" + run, "room_id", room));
        assertThat(initiated.status()).as("%s", initiated.body()).isEqualTo(200);
        Http.Response confirmed = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + initiated.text("transfer_id") + "/confirm",
                tep, Wallets.pinProof());
        assertThat(confirmed.status()).as("%s", confirmed.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(scrape(PAYMENT_SERVICE, moved) - before).isGreaterThanOrEqualTo(235));
    }

    @Test
    void anIssuedTokenExchangeIsCountedByOutcome() {
        String issued = "tmcp_tokens_total{grant_type=\"token_exchange\",outcome=\"issued\"";
        double before = scrape(AUTH_SERVICE, issued);
        Homeserver.User carol = Homeserver.register("carol_metrics_" + UUID.randomUUID().toString().substring(0, 8));

        Tmcp.tep(carol.accessToken(), "wallet:balance", null);

        assertThat(scrape(AUTH_SERVICE, issued) - before).isGreaterThanOrEqualTo(1);
    }

    /** The sum of the samples whose name and labels start as {@code series} does (labels in Prometheus' order). */
    private static double scrape(String service, String series) {
        Http.Response metrics = Http.get(service + "/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        return Arrays.stream(metrics.raw().body().split("\n"))
                .filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
