package dev.tmcp.wallet.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.TestInfrastructure;
import dev.tmcp.test.TestTeps;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Malformed client input to wallet-adapter's public routes (NUL characters, over-long strings,
 * wrong types, broken JSON, out-of-range numbers) on the real database: always a 4xx in the 12.1
 * format, never a 5xx. TEPs are signed by a test key on a local JWKS endpoint and verified by the
 * production TepVerifier.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.tep.issuer=" + TestTeps.ISSUER, "tmcp.wallet.payment-service-secret=input-it-secret-0123456789",
        "tmcp.wallet.sandbox-enabled=true"})
class ClientInputIT {

    static final TestTeps TEPS = new TestTeps();
    static final String USER = "@input" + UUID.randomUUID().toString().substring(0, 8) + ":test";
    static final String NUL = "a\u0000b";
    static final String LONG = "x".repeat(5_000);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        registry.add("tmcp.tep.jwks-uri", TEPS::jwksUri);
    }

    @AfterAll
    static void stop() {
        TEPS.close();
    }

    @LocalServerPort
    int port;

    static Stream<Arguments> malformed() {
        String activation = "{\"verification_data\":{\"pin\":\"482913\",\"terms_accepted\":true,\"terms_version\":%s%s}}";
        String device = ",\"biometric_data\":{\"device_id\":%s,\"public_key\":\"" + publicKey() + "\"}";
        return Stream.of(
                Arguments.of("POST", "/wallet/v1/activate", activation.formatted(json(NUL), "")),
                Arguments.of("POST", "/wallet/v1/activate", activation.formatted(json(LONG), "")),
                Arguments.of("POST", "/wallet/v1/activate", activation.formatted("\"1.5.0\"", device.formatted(json(NUL)))),
                Arguments.of("POST", "/wallet/v1/activate", activation.formatted("\"1.5.0\"", device.formatted(json(LONG)))),
                Arguments.of("POST", "/wallet/v1/activate", "{\"verification_data\":\"pin\"}"),
                Arguments.of("POST", "/wallet/v1/activate", "{\"verification_data\":{\"pin\":482913,\"terms_accepted\":\"yes\"}}"),
                Arguments.of("POST", "/wallet/v1/activate", "{\"verification_data\":{"),
                Arguments.of("POST", "/wallet/v1/register", "{\"currency\":" + json(NUL) + "}"),
                Arguments.of("POST", "/wallet/v1/register", "{\"currency\":" + json(LONG) + "}"),
                Arguments.of("POST", "/wallet/v1/register", "{\"user_id\":" + json(NUL) + "}"),
                Arguments.of("POST", "/wallet/v1/register", "{\"initial_settings\":{\"daily_limit\":\"lots\"}}"),
                Arguments.of("POST", "/wallet/v1/register", "{\"initial_settings\":{\"daily_limit\":1e400}}"),
                Arguments.of("POST", "/wallet/v1/register", "{\"initial_settings\":{\"daily_limit\":-5}}"),
                Arguments.of("POST", "/wallet/v1/register", "[1,2]"),
                Arguments.of("POST", "/wallet/v1/mfa/totp", "{\"hashed_pin\":" + json(NUL) + "}"),
                Arguments.of("POST", "/wallet/v1/external/link", "{\"type\":" + json(NUL) + "}"),
                Arguments.of("POST", "/wallet/v1/external/link", "{\"type\":" + json(LONG) + "}"),
                Arguments.of("POST", "/wallet/v1/external/verify", "{\"external_account_id\":" + json(NUL) + "}"),
                Arguments.of("POST", "/wallet/v1/external/verify", "{\"external_account_id\":" + json(LONG) + "}"),
                Arguments.of("POST", "/wallet/v1/external/fund", "{\"source_account_id\":" + json(NUL)
                        + ",\"amount\":1,\"currency\":\"USD\",\"idempotency_key\":\"k1\"}"),
                Arguments.of("POST", "/wallet/v1/external/fund", "{\"source_account_id\":" + json(LONG)
                        + ",\"amount\":1,\"currency\":\"USD\",\"idempotency_key\":\"k1\"}"),
                Arguments.of("POST", "/wallet/v1/external/fund", "{\"source_account_id\":\"ext_x\",\"amount\":1,"
                        + "\"currency\":\"USD\",\"idempotency_key\":" + json(NUL) + "}"),
                Arguments.of("POST", "/wallet/v1/external/fund", "{\"source_account_id\":\"ext_x\",\"amount\":1e30,"
                        + "\"currency\":\"USD\",\"idempotency_key\":\"k2\"}"),
                Arguments.of("POST", "/wallet/v1/external/fund", "{\"source_account_id\":\"ext_x\",\"amount\":1,"
                        + "\"currency\":" + json(NUL) + ",\"idempotency_key\":\"k3\"}"),
                Arguments.of("POST", "/wallet/v1/external/fund", "{\"source_account_id\":\"ext_x\",\"amount\":1,"
                        + "\"currency\":" + json(LONG) + ",\"idempotency_key\":\"k4\"}"),
                Arguments.of("POST", "/wallet/v1/withdrawals", "{\"destination_account_id\":" + json(NUL)
                        + ",\"amount\":1,\"currency\":\"USD\",\"idempotency_key\":\"w1\"}"),
                Arguments.of("POST", "/wallet/v1/withdrawals", "{\"destination_account_id\":" + json(LONG)
                        + ",\"amount\":1,\"currency\":\"USD\",\"idempotency_key\":\"w2\"}"),
                Arguments.of("POST", "/wallet/v1/withdrawals", "{\"destination_account_id\":\"ext_x\",\"amount\":\"one\","
                        + "\"currency\":\"USD\",\"idempotency_key\":\"w3\"}"),
                Arguments.of("POST", "/wallet/v1/withdrawals/" + "w".repeat(300) + "/approve",
                        "{\"approval_data\":{\"method\":\"pin\",\"proof\":{\"hashed_pin\":" + json(NUL) + "}}}"),
                Arguments.of("POST", "/wallet/v1/withdrawals/wd_x/approve", "{\"approval_data\":{\"method\":" + json(NUL)
                        + ",\"proof\":{}}}"),
                Arguments.of("POST", "/wallet/v1/withdrawals/wd_x/approve", "{\"approval_data\":{\"method\":\"pin\",\"proof\":[]}}"),
                Arguments.of("GET", "/wallet/v1/withdrawals/" + "w".repeat(300), null),
                Arguments.of("GET", "/wallet/v1/withdrawals/a%00b", null),
                Arguments.of("GET", "/wallet/v1/transactions?limit=lots", null),
                Arguments.of("GET", "/wallet/v1/transactions?limit=-1&offset=-5", null),
                Arguments.of("GET", "/wallet/v1/transactions?limit=99999999999", null),
                Arguments.of("GET", "/wallet/v1/resolve/a%00b", null),
                Arguments.of("GET", "/wallet/v1/resolve/@" + "u".repeat(300) + ":test", null),
                Arguments.of("POST", "/wallet/v1/resolve/batch", "{\"user_ids\":\"@bob:test\"}"),
                Arguments.of("POST", "/wallet/v1/resolve/batch", "{\"user_ids\":[null]}"),
                Arguments.of("POST", "/wallet/v1/resolve/batch", "{\"user_ids\":[\"@bob:test\"],\"room_id\":" + json(NUL) + "}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformed")
    void malformedInputIsA4xxInTheErrorFormat(String method, String path, String body) throws Exception {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        WebTestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method))
                .uri(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + tep());
        EntityExchangeResult<byte[]> answer = (body == null ? request : request.contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.getBytes(StandardCharsets.UTF_8))).exchange().expectBody().returnResult();

        String text = answer.getResponseBody() == null ? "" : new String(answer.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(answer.getStatus().value()).as("%s %s: %s", method, path, text).isBetween(400, 499);
        assertThat(text).as("the 12.1 error body").contains("\"error\"").contains("\"code\"");
    }

    private static String publicKey() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return java.util.Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(String value) {
        return "\"" + value.replace("\u0000", "\\u0000") + "\"";
    }

    private static String tep() {
        return TEPS.tep(USER, "ma_tween_wallet", "user:read wallet:balance wallet:pay wallet:history wallet:admin");
    }
}
