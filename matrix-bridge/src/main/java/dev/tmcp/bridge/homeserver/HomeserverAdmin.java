package dev.tmcp.bridge.homeserver;

import dev.tmcp.bridge.BridgeProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The bridge's homeserver admin account and the Synapse admin API calls that need it: whether a
 * user exists, which rooms a user is joined to, and a short-lived token to act as a room member
 * (used only to let the payer invite the payments bot; see docs/decisions/0002). The account is
 * created once with the homeserver's shared registration secret and kept in the bridge database.
 */
@Component
public class HomeserverAdmin {

    /** Each bridge database gets its own admin account, so a reinstalled bridge never needs an old password. */
    private static final String LOCALPART_PREFIX = "tmcp-bridge-admin-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MatrixApi api;
    private final DatabaseClient db;
    private final BridgeProperties properties;
    private final Mono<String> token;

    HomeserverAdmin(MatrixApi api, DatabaseClient db, BridgeProperties properties) {
        this.api = api;
        this.db = db;
        this.properties = properties;
        this.token = Mono.defer(this::obtainToken).cache(t -> Duration.ofHours(1), e -> Duration.ZERO, () -> Duration.ZERO);
    }

    public Mono<Boolean> userExists(String userId) {
        return token.flatMap(t -> api.raw(web -> web.get().uri("/_synapse/admin/v2/users/{userId}", userId)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + t)
                        .retrieve().toBodilessEntity().thenReturn(true)))
                .onErrorResume(e -> e instanceof MatrixApi.MatrixError m
                        && (m.status().value() == 404 || m.status().value() == 400), e -> Mono.just(false));
    }

    public Mono<List<String>> joinedRooms(String userId) {
        return token.flatMap(t -> api.raw(web -> web.get().uri("/_synapse/admin/v1/users/{userId}/joined_rooms", userId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + t)
                .retrieve().bodyToMono(MatrixApi.JoinedRooms.class)
                .map(MatrixApi.JoinedRooms::joinedRooms)));
    }

    /** A token valid for one minute that acts as {@code userId}. */
    public Mono<String> actingAs(String userId) {
        long validUntil = Instant.now().plusSeconds(60).toEpochMilli();
        return token.flatMap(t -> api.raw(web -> web.post().uri("/_synapse/admin/v1/users/{userId}/login", userId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + t)
                .bodyValue(Map.of("valid_until_ms", validUntil))
                .retrieve().bodyToMono(Map.class)
                .map(body -> (String) body.get("access_token"))));
    }

    private Mono<String> obtainToken() {
        return db.sql("select user_id, password, access_token from homeserver_admin where id = 1")
                .map(r -> new Account(r.get("user_id", String.class), r.get("password", String.class),
                        r.get("access_token", String.class)))
                .one()
                .flatMap(this::validOrLogin)
                .switchIfEmpty(Mono.defer(() -> register(false)));
    }

    private Mono<String> validOrLogin(Account account) {
        return api.raw(web -> web.get().uri("/_matrix/client/v3/account/whoami")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.accessToken())
                        .retrieve().toBodilessEntity().thenReturn(account.accessToken()))
                .onErrorResume(e -> e instanceof MatrixApi.MatrixError m && m.status().value() == HttpStatus.UNAUTHORIZED.value(),
                        e -> login(account));
    }

    private Mono<String> login(Account account) {
        return api.raw(web -> web.post().uri("/_matrix/client/v3/login")
                        .bodyValue(Map.of("type", "m.login.password",
                                "identifier", Map.of("type", "m.id.user", "user", account.userId()),
                                "password", account.password()))
                        .retrieve().bodyToMono(Map.class)
                        .map(body -> (String) body.get("access_token")))
                .flatMap(this::store)
                // The homeserver no longer knows the account (it was reset): create a new one.
                .onErrorResume(e -> e instanceof MatrixApi.MatrixError m && m.status().value() == 403,
                        e -> register(true));
    }

    /**
     * Creates an admin account. On a first start ({@code replace} false) several replicas may race:
     * the first row written wins and the others use its account (theirs stays unused).
     */
    private Mono<String> register(boolean replace) {
        String secret = properties.registrationSharedSecret();
        if (secret == null || secret.isBlank()) {
            return Mono.error(new IllegalStateException(
                    "SYNAPSE_REGISTRATION_SECRET is needed once to create the bridge's homeserver admin account"));
        }
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String localpart = LOCALPART_PREFIX + HexFormat.of().formatHex(random, 0, 4);
        return api.raw(web -> web.get().uri("/_synapse/admin/v1/register").retrieve().bodyToMono(Map.class))
                .map(body -> (String) body.get("nonce"))
                .flatMap(nonce -> api.raw(web -> web.post().uri("/_synapse/admin/v1/register")
                        .bodyValue(Map.of("nonce", nonce, "username", localpart, "password", password, "admin", true,
                                "mac", mac(secret, nonce, localpart, password)))
                        .retrieve().bodyToMono(Map.class)))
                .flatMap(body -> db.sql("insert into homeserver_admin (id, user_id, password, access_token) "
                                + "values (1, :user, :password, :token) on conflict (id) do "
                                + (replace ? "update set user_id = excluded.user_id, password = excluded.password, "
                                        + "access_token = excluded.access_token" : "nothing"))
                        .bind("user", (String) body.get("user_id")).bind("password", password)
                        .bind("token", (String) body.get("access_token"))
                        .fetch().rowsUpdated()
                        .flatMap(written -> written > 0 ? Mono.just((String) body.get("access_token")) : obtainToken()));
    }

    private Mono<String> store(String accessToken) {
        return db.sql("update homeserver_admin set access_token = :token where id = 1").bind("token", accessToken)
                .fetch().rowsUpdated().thenReturn(accessToken);
    }

    /** HMAC-SHA1 over nonce, user, password and "admin", NUL-separated (Synapse shared-secret registration). */
    private static String mac(String secret, String nonce, String localpart, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String message = nonce + "\0" + localpart + "\0" + password + "\0admin";
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Account(String userId, String password, String accessToken) {
    }
}
