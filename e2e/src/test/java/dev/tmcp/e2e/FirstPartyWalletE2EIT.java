package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Decision 0027 through the gateway: first-party wallet operations, and lockouts that hold under parallel guesses. */
class FirstPartyWalletE2EIT {

    @Test
    void aNonFirstPartyClientCannotActivate() {
        Homeserver.User erin = Homeserver.register("first_" + UUID.randomUUID().toString().substring(0, 8));
        String miniAppTep = Tmcp.tep(erin.accessToken(), "wallet:pay wallet:balance", null);

        Http.Response refused = Wallets.tryActivate(miniAppTep, Wallets.PIN, Wallets.deviceKey());

        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(403);
        assertThat(refused.body().path("error").path("code").asString()).isEqualTo("INSUFFICIENT_PERMISSIONS");
        assertThat(Wallets.activate(erin, null).text("user_status")).as("still pending: the user's own app activates it")
                .isEqualTo("active");
    }

    @Test
    void fiftyParallelWrongPinsAreEvaluatedOnlyFiveTimes() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Homeserver.User gina = Homeserver.register("guess_" + run);
        Homeserver.User hal = Homeserver.register("guessr_" + run);
        String tep = Tmcp.tep(gina.accessToken(), "wallet:pay wallet:balance", null);
        Wallets.activate(gina, null);
        Wallets.fund(tep, "10.00");
        String room = Homeserver.privateRoom(gina, hal);
        String transfer = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", tep, Map.of("recipient", hal.userId(),
                "amount", 1, "currency", "USD", "idempotency_key", "guess-" + run, "room_id", room)).text("transfer_id");
        String confirm = Tmcp.GATEWAY + "/wallet/v1/p2p/" + transfer + "/confirm";

        List<Http.Response> answers;
        try (ExecutorService clients = Executors.newFixedThreadPool(50)) {
            List<CompletableFuture<Http.Response>> calls = IntStream.range(0, 50)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> Http.post(confirm, tep, wrongPin(i)), clients))
                    .toList();
            answers = calls.stream().map(CompletableFuture::join).toList();
        }

        Map<String, Long> codes = answers.stream().collect(Collectors.groupingBy(
                a -> a.body().path("error").path("code").asString(), Collectors.counting()));
        assertThat(codes).as("exactly the budget is evaluated").containsEntry("INVALID_PIN", 5L);
        assertThat(answers).filteredOn(a -> !"INVALID_PIN".equals(a.body().path("error").path("code").asString()))
                .allSatisfy(a -> assertThat(a.body().path("error").path("code").asString()).as("%s", a.body())
                        // the gateway's confirm rate row answers some before the wallet does, and
                        // suspends the account after repeated excess (spec 11.4.5)
                        .isIn("MFA_LOCKED", "RATE_LIMIT_EXCEEDED", "ACCOUNT_SUSPENDED"));
        Http.Response late = Http.post(confirm, tep, Wallets.pinProof());
        assertThat(late.body().path("error").path("code").asString()).as("the right PIN after the lock: %s", late.body())
                .isIn("MFA_LOCKED", "ACCOUNT_SUSPENDED");
    }

    private static Map<String, Object> wrongPin(int i) {
        return Map.of("auth_proof", Map.of("method", "pin", "proof", Map.of("hashed_pin", Tmcp.sha256Hex("9" + (10000 + i)))));
    }
}
