package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The limits of the sender's verification level (spec 6.4.3) on real transfers through the gateway:
 * a basic wallet sends at most 1,000.00 at once and 2,500.00 a day.
 */
class WalletLimitsE2EIT {

    private static final String PIN = "482913";

    @Test
    void perTransactionAndDailyLimitsHoldWithTheSpecCodes() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Homeserver.User erin = Homeserver.register("lim_" + run);
        Homeserver.User finn = Homeserver.register("limr_" + run);
        String tep = Tmcp.tep(erin.accessToken(), "user:read wallet:balance wallet:pay", null);
        Wallets.activate(erin, null);
        String source = Http.post(Tmcp.GATEWAY + "/wallet/v1/external/link", tep, Map.of("type", "sandbox"))
                .text("external_account_id");
        Http.Response funded = Http.post(Tmcp.GATEWAY + "/wallet/v1/external/fund", tep, Map.of("source_account_id", source,
                "amount", 3000.00, "currency", "USD", "idempotency_key", "fund-" + run));
        assertThat(funded.status()).as("%s", funded.body()).isEqualTo(200);

        Http.Response tooBig = send(tep, finn, "1000.01");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.body().path("error").path("code").asString()).isEqualTo("AMOUNT_EXCEEDS_LIMIT");

        assertThat(send(tep, finn, "1000.00").status()).isEqualTo(200);
        assertThat(send(tep, finn, "1000.00").status()).isEqualTo(200);
        Http.Response overDaily = send(tep, finn, "500.01");
        assertThat(overDaily.status()).isEqualTo(429);
        assertThat(overDaily.body().path("error").path("code").asString()).isEqualTo("DAILY_LIMIT_EXCEEDED");
        assertThat(send(tep, finn, "500.00").status()).as("exactly at the daily limit passes").isEqualTo(200);
    }

    @Test
    void fiveFailedPaymentsInFiveMinutesLockPayments() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Homeserver.User gus = Homeserver.register("broke_" + run);
        Homeserver.User hana = Homeserver.register("brokr_" + run);
        String tep = Tmcp.tep(gus.accessToken(), "user:read wallet:pay", null);
        Wallets.activate(gus, null);
        for (int i = 1; i <= 5; i++) {
            Http.Response broke = send(tep, hana, "1.00");
            assertThat(broke.status()).as("failure %d", i).isEqualTo(402);
            assertThat(broke.body().path("error").path("code").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        }
        Http.Response locked = send(tep, hana, "1.00");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body().path("error").path("code").asString()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(locked.body().path("error").path("retry_after").asLong()).isBetween(1L, 300L);
        assertThat(locked.raw().headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void activationAttemptsAreRateLimited() {
        Homeserver.User ivy = Homeserver.register("act_" + UUID.randomUUID().toString().substring(0, 8));
        String tep = Tmcp.walletAdminTep(ivy.accessToken());
        Map<String, Object> weak = Map.of("verification_data", Map.of("pin", "123456", "terms_accepted", true,
                "terms_version", "1.5.0"));
        for (int i = 1; i <= 7; i++) {
            assertThat(Http.post(Tmcp.GATEWAY + "/wallet/v1/activate", tep, weak).status()).as("attempt %d", i).isEqualTo(400);
        }
        Http.Response limited = Http.post(Tmcp.GATEWAY + "/wallet/v1/activate", tep, weak);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().path("error").path("code").asString()).isEqualTo("RATE_LIMIT_EXCEEDED");
    }

    /** Initiates and confirms a transfer; answers the confirmation. */
    private static Http.Response send(String tep, Homeserver.User recipient, String amount) {
        Http.Response initiated = Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/initiate", tep, Map.of("recipient", recipient.userId(),
                "amount", new java.math.BigDecimal(amount), "currency", "USD", "idempotency_key", "k-" + UUID.randomUUID()));
        if (initiated.status() != 200) {
            return initiated;
        }
        return Http.post(Tmcp.GATEWAY + "/wallet/v1/p2p/" + initiated.text("transfer_id") + "/confirm", tep,
                Map.of("auth_proof", Map.of("method", "pin", "proof", Map.of("hashed_pin", Tmcp.sha256Hex(PIN)))));
    }
}
