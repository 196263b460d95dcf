package dev.tmcp.auth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No client input yields a 5xx at auth-service's public endpoints: malformed credentials, wrong
 * types, missing fields, over-long values and broken bodies get a 4xx in the 12.1 or OAuth (12.3)
 * format.
 */
class ClientInputIT extends AuthServiceIT {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON_TYPE = "application/json";
    /** A registered app, so that an exchange gets past client identification to its other parameters. */
    private static final String APP = "ma_itinput";
    private static final String EXCHANGE = "grant_type=" + enc(TOKEN_EXCHANGE) + "&subject_token=syt_x&subject_token_type="
            + enc(ACCESS_TOKEN) + "&client_id=" + APP;

    static {
        REGISTRY.publicApp(APP);
    }
    private static final String LONG = "x".repeat(20_000);

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> inputs() {
        return Stream.of(
                Arguments.of("Basic with a bad percent escape", "POST", "/oauth2/token", basic("%zz:x"), FORM, "grant_type=client_credentials"),
                Arguments.of("Basic with a bad escape in the secret", "POST", "/oauth2/token", basic("ma_x:%g"), FORM, "grant_type=client_credentials"),
                Arguments.of("Basic that is not base64", "POST", "/oauth2/token", "Basic ***", FORM, "grant_type=client_credentials"),
                Arguments.of("Basic without a colon", "POST", "/oauth2/token", basic("ma_x"), FORM, "grant_type=refresh_token&refresh_token=rt_x"),
                Arguments.of("an empty Basic value", "POST", "/oauth2/token", "Basic ", FORM, "grant_type=client_credentials"),
                Arguments.of("miniapp_context=null", "POST", "/oauth2/token", null, FORM, EXCHANGE + "&miniapp_context=null"),
                Arguments.of("miniapp_context an array", "POST", "/oauth2/token", null, FORM, EXCHANGE + "&miniapp_context=%5B1%5D"),
                Arguments.of("miniapp_context a string", "POST", "/oauth2/token", null, FORM, EXCHANGE + "&miniapp_context=%22x%22"),
                Arguments.of("miniapp_context broken JSON", "POST", "/oauth2/token", null, FORM, EXCHANGE + "&miniapp_context=%7B"),
                Arguments.of("miniapp_context a numeric room", "POST", "/oauth2/token", null, FORM,
                        EXCHANGE + "&miniapp_context=" + enc("{\"room_id\":5}")),
                Arguments.of("a form body with a bad escape", "POST", "/oauth2/token", null, FORM, "grant_type=%zz"),
                Arguments.of("an over-long client_id", "POST", "/oauth2/token", null, FORM,
                        "grant_type=client_credentials&client_id=" + LONG),
                Arguments.of("an over-long refresh token", "POST", "/oauth2/token", null, FORM,
                        "grant_type=refresh_token&client_id=" + APP + "&refresh_token=" + LONG),
                Arguments.of("an over-long subject token", "POST", "/oauth2/token", null, FORM,
                        "grant_type=" + enc(TOKEN_EXCHANGE) + "&subject_token=" + LONG + "&subject_token_type=" + enc(ACCESS_TOKEN)
                                + "&client_id=" + APP),
                Arguments.of("an over-long scope", "POST", "/oauth2/token", null, FORM, EXCHANGE + "&scope=" + "a:b+".repeat(5000)),
                Arguments.of("token endpoint with JSON", "POST", "/oauth2/token", null, JSON_TYPE, "{\"grant_type\":\"refresh_token\"}"),
                Arguments.of("consent JSON null", "POST", "/oauth2/consent", "Bearer syt_x", JSON_TYPE, "null"),
                Arguments.of("consent JSON array", "POST", "/oauth2/consent", "Bearer syt_x", JSON_TYPE, "[1]"),
                Arguments.of("consent session a number", "POST", "/oauth2/consent", "Bearer syt_x", JSON_TYPE,
                        "{\"session\":5,\"decision\":\"approve\"}"),
                Arguments.of("consent session over-long", "POST", "/oauth2/consent", "Bearer syt_x", JSON_TYPE,
                        "{\"session\":\"" + LONG + "\",\"decision\":\"approve\"}"),
                Arguments.of("consent with a TEP-looking token", "POST", "/oauth2/consent", "Bearer tep.x.y.z", FORM,
                        "session=cns_x&decision=approve"),
                Arguments.of("consent with an empty bearer", "POST", "/oauth2/consent", "Bearer ", FORM, "session=cns_x&decision=deny"),
                Arguments.of("consent page over-long session", "GET", "/oauth2/consent?session=" + LONG.substring(0, 4000), null, null, null),
                Arguments.of("revoke reason a number", "POST", "/api/v1/auth/revoke", "Bearer tep.x", JSON_TYPE, "{\"reason\":5}"),
                Arguments.of("revoke with a malformed bearer", "POST", "/api/v1/auth/revoke", "Bearer %%%", JSON_TYPE, "{}"),
                Arguments.of("authorizations with no token", "DELETE", "/api/v1/auth/authorizations/ma_x", null, null, null),
                Arguments.of("authorizations with an over-long client", "DELETE", "/api/v1/auth/authorizations/" + LONG.substring(0, 2000),
                        "Bearer syt_x", null, null),
                Arguments.of("authorizations with a bad scope", "DELETE", "/api/v1/auth/authorizations/ma_x?scope=%3C%3E",
                        "Bearer syt_x", null, null),
                Arguments.of("key rotation with a bad Basic", "POST", "/admin/keys/rotate", basic("%zz:x"), FORM, ""),
                Arguments.of("developer token with a bad Basic", "POST", "/oauth2/developer/token", basic("%zz:x"), FORM,
                        "grant_type=refresh_token&refresh_token=x"),
                Arguments.of("developer revoke with a bad Basic", "POST", "/oauth2/developer/revoke", basic("%zz:x"), FORM, "token=x"),
                Arguments.of("consent session with a NUL", "POST", "/oauth2/consent", "Bearer syt_x", FORM,
                        "session=cns_%00abcdefghijklmnopqrstuvwxyz&decision=approve"),
                Arguments.of("consent page session with a NUL", "GET", "/oauth2/consent?session=cns_%00x", null, null, null),
                Arguments.of("subject token with a NUL", "POST", "/oauth2/token", null, FORM,
                        "grant_type=" + enc(TOKEN_EXCHANGE) + "&subject_token=syt%00x&subject_token_type=" + enc(ACCESS_TOKEN)
                                + "&client_id=" + APP),
                Arguments.of("client_id with a NUL", "POST", "/oauth2/token", null, FORM, "grant_type=client_credentials&client_id=ma_%00"),
                Arguments.of("authorizations with a NUL in the client", "DELETE", "/api/v1/auth/authorizations/ma_%00x", "Bearer syt_x",
                        null, null),
                Arguments.of("consent with a bearer full of control characters", "POST", "/oauth2/consent", "Bearer a\tb", FORM,
                        "session=cns_abcdefghijklmnopqrstuvwxyz012345&decision=approve"),
                Arguments.of("whitelist with a wrong type", "POST", "/admin/developers/whitelist", basic("%zz:x"), JSON_TYPE,
                        "{\"matrix_user_id\":5}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void isAClientErrorInTheErrorFormat(String name, String method, String path, String authorization, String contentType,
            String body) {
        Answer answer = send(method, path, authorization, contentType, body);

        assertThat(answer.status()).as("%s: %s", name, answer.raw().body()).isBetween(400, 499);
        if (!path.startsWith("/oauth2/consent?")) {
            assertThat(answer.body().has("error")).as("%s: %s", name, answer.raw().body()).isTrue();
        }
    }

    /**
     * Before the body limit filter, about one such form in five lost its connection instead of its
     * answer (a buffer released twice in the form reader), which the gateway turned into a 502.
     */
    @Test
    void aFormOverTheBodyLimitIsA413EveryTime() {
        String body = "token=" + "%C3%A9".repeat(50_000);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            String outcome;
            try {
                outcome = String.valueOf(send("POST", "/oauth2/developer/revoke", null, FORM, body).status());
            } catch (IllegalStateException e) {
                outcome = String.valueOf(e.getCause());
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }

        assertThat(outcomes).containsExactly(Map.entry("413", 30));
    }
}
