package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client sends, the answer is a clear 4xx in the error format of spec 12.1 (with a
 * request id) or, at the token endpoint, the OAuth format of 12.3: never a 5xx.
 */
class ClientErrorsE2EIT {

    static Homeserver.User carol;
    static String tep;

    @BeforeAll
    static void aUserWithATep() {
        carol = Homeserver.register("carol_" + UUID.randomUUID().toString().substring(0, 8));
        tep = Tmcp.tep(carol.accessToken(), "user:read wallet:balance wallet:pay", null);
    }

    @Test
    void badTokensAre401AndMissingScopesAre403() {
        assertError(Http.get(Tmcp.GATEWAY + "/wallet/v1/balance", null), 401, "INVALID_TOKEN");
        assertError(Http.get(Tmcp.GATEWAY + "/wallet/v1/balance", "tep.garbage"), 401, "INVALID_TOKEN");
        assertError(Http.get(Tmcp.GATEWAY + "/wallet/v1/balance", tep.substring(4)), 401, "INVALID_TOKEN");
        String readOnly = Tmcp.tep(Homeserver.login(carol), "user:read", null);
        assertError(Http.get(Tmcp.GATEWAY + "/wallet/v1/balance", readOnly), 403, "INSUFFICIENT_PERMISSIONS");
        assertError(Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", readOnly, Map.of()), 403, "INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void malformedOrMistypedBodiesAre400() {
        String url = Tmcp.GATEWAY + "/wallet/v1/p2p/initiate";
        assertError(Http.post(url, tep, "{not json"), 400, "INVALID_REQUEST");
        assertError(Http.post(url, tep, "{\"recipient\":\"@x:y\",\"amount\":\"ten\",\"currency\":\"USD\",\"idempotency_key\":\"k\"}"),
                400, "INVALID_REQUEST");
        assertError(Http.post(url, tep, Map.of("recipient", "@x:y", "amount", 1, "currency", "USD")), 400, "INVALID_REQUEST");
        assertError(Http.post(url, tep, Map.of("recipient", "bob", "amount", 1, "currency", "USD", "idempotency_key", "k1")),
                400, "INVALID_REQUEST");
    }

    @Test
    void negativeZeroOverPreciseAndUnknownCurrencyAmountsAre400() {
        String url = Tmcp.GATEWAY + "/wallet/v1/p2p/initiate";
        String bob = "@nobody_" + UUID.randomUUID().toString().substring(0, 6) + ":" + Homeserver.SERVER;
        for (Object amount : new Object[] {-5, 0, 1.005, 1e20}) {
            assertError(Http.post(url, tep, Map.of("recipient", bob, "amount", amount, "currency", "USD",
                    "idempotency_key", "k-" + UUID.randomUUID())), 400, "INVALID_AMOUNT");
        }
        assertError(Http.post(url, tep, Map.of("recipient", bob, "amount", 1, "currency", "XXQ",
                "idempotency_key", "k-" + UUID.randomUUID())), 400, "INVALID_AMOUNT");
    }

    @Test
    void reusingAnIdempotencyKeyForAnotherTransferIs409() {
        String url = Tmcp.GATEWAY + "/wallet/v1/p2p/initiate";
        String key = "k-" + UUID.randomUUID();
        String bob = Homeserver.register("bob_x_" + UUID.randomUUID().toString().substring(0, 8)).userId();
        assertThat(Http.post(url, tep, Map.of("recipient", bob, "amount", 1, "currency", "USD", "idempotency_key", key)).status())
                .isEqualTo(200);
        assertError(Http.post(url, tep, Map.of("recipient", bob, "amount", 2, "currency", "USD", "idempotency_key", key)),
                409, "DUPLICATE_TRANSACTION");
    }

    @Test
    void unknownUsersTransfersAndPathsAre404() {
        assertError(Http.get(Tmcp.GATEWAY + "/wallet/v1/resolve/@ghost_" + UUID.randomUUID().toString().substring(0, 6)
                + ":" + Homeserver.SERVER, tep), 403, "NO_SHARED_ROOM"); // not revealed as unknown (6.3.7)
        assertError(Http.get(Tmcp.GATEWAY + "/wallet/v1/p2p/p2p_doesnotexist", tep), 404, "TRANSFER_NOT_FOUND");
        assertError(Http.get(Tmcp.GATEWAY + "/wallet/v1/nothing-here", tep), 404, "NOT_FOUND");
    }

    @Test
    void sendingWithoutAnActiveAccountIsRefused() {
        String url = Tmcp.GATEWAY + "/wallet/v1/p2p/initiate";
        String bob = Homeserver.register("bob_y_" + UUID.randomUUID().toString().substring(0, 8)).userId();
        Http.Response initiated = Http.post(url, tep, Map.of("recipient", bob, "amount", 1,
                "currency", "USD", "idempotency_key", "k-" + UUID.randomUUID()));
        Http.Response confirm = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + initiated.text("transfer_id") + "/confirm", tep,
                Map.of("auth_proof", Map.of("method", "pin", "proof", Map.of("hashed_pin", Tmcp.sha256Hex("482913")))));
        assertError(confirm, 403, "P2P_SEND_NOT_ALLOWED");
        assertThat(Http.get(Tmcp.GATEWAY + "/wallet/v1/p2p/" + initiated.text("transfer_id"), tep).text("status"))
                .isEqualTo("pending_authorization");
    }

    @Test
    void fiveWrongPinsLockPaymentsEvenForTheRightPin() {
        Homeserver.User dave = Homeserver.register("dave_" + UUID.randomUUID().toString().substring(0, 8));
        String daveTep = Tmcp.tep(dave.accessToken(), "user:read wallet:pay", null);
        Wallets.activate(dave, null);
        String transfer = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", daveTep, Map.of("recipient", carol.userId(),
                "amount", 1, "currency", "USD", "idempotency_key", "k-" + UUID.randomUUID())).text("transfer_id");
        String confirm = Tmcp.GATEWAY + "/wallet/v1/p2p/" + transfer + "/confirm";
        for (int attempt = 1; attempt <= 5; attempt++) {
            Http.Response wrong = Http.post(confirm, daveTep,
                    Map.of("auth_proof", Map.of("method", "pin", "proof", Map.of("hashed_pin", Tmcp.sha256Hex("00000" + attempt)))));
            assertError(wrong, 401, "INVALID_PIN");
            assertThat(wrong.body().path("error").path("details").path("attempts_remaining").asInt()).isEqualTo(5 - attempt);
        }
        Http.Response locked = Http.post(confirm, daveTep,
                Map.of("auth_proof", Map.of("method", "pin", "proof", Map.of("hashed_pin", Tmcp.sha256Hex("482913")))));
        assertError(locked, 429, "MFA_LOCKED");
        assertThat(locked.raw().headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void tokenEndpointErrorsUseTheOAuthFormat() {
        Http.Response unknownClient = Tmcp.exchange(carol.accessToken(), "ma_unknown_app", "user:read", null);
        assertThat(unknownClient.status()).isEqualTo(401);
        assertThat(unknownClient.text("error")).isEqualTo("invalid_client");

        Http.Response badMatrixToken = Tmcp.exchange("syt_not_a_real_token", Tmcp.CLIENT_ID, "user:read", null);
        assertThat(badMatrixToken.status()).isEqualTo(401);
        assertThat(badMatrixToken.text("error")).isEqualTo("invalid_grant");

        Http.Response unregisteredScope = Tmcp.exchange(carol.accessToken(), Tmcp.CLIENT_ID, "wallet:admin", null);
        assertThat(unregisteredScope.status()).isEqualTo(400);
        assertThat(unregisteredScope.text("error")).isEqualTo("invalid_scope");

        Http.Response wrongGrant = Http.form(Tmcp.GATEWAY + "/oauth2/token", Map.of("grant_type", "password"));
        assertThat(wrongGrant.status()).isEqualTo(400);
        assertThat(wrongGrant.text("error")).isEqualTo("unsupported_grant_type");
    }

    private static void assertError(Http.Response response, int status, String code) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(status);
        assertThat(response.body().path("error").path("code").asString()).isEqualTo(code);
        assertThat(response.body().path("error").path("message").asString()).isNotBlank();
        assertThat(response.body().path("error").path("request_id").asString()).isNotBlank();
        assertThat(response.body().path("error").path("timestamp").asString()).isNotBlank();
    }
}
