package dev.tmcp.payment.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * Test doubles at the HTTP level for what payment-service calls: auth-service's JWKS (TEPs are
 * minted here), wallet-adapter's internal API and matrix-bridge's room membership. Each wallet or
 * bridge call is recorded, so a test can say that no money was asked to move. The wallet accepts
 * the PIN {@link StackUsers#PIN} and nothing else.
 */
public final class StubWalletAndBridge implements AutoCloseable {

    public static final String ISSUER = "http://127.0.0.1:8080";

    /** A recorded call: method, path (with query), the user of the TEP it carried (or null) and body. */
    public record Call(String method, String path, String caller, JsonNode body) {
    }

    private final HttpServer server;
    private final RSAKey key;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> holds = new ConcurrentHashMap<>();

    public StubWalletAndBridge() {
        try {
            key = new RSAKeyGenerator(2048).keyID("stub-1").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwksUri() {
        return url() + "/jwks";
    }

    /** {@code userId} is joined to {@code roomId} as far as the stub homeserver knows. */
    public void join(String roomId, String userId) {
        rooms.computeIfAbsent(roomId, r -> ConcurrentHashMap.newKeySet()).add(userId);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The wallet calls made with {@code userId}'s TEP (room membership questions left out). */
    public List<Call> walletCallsOf(String userId) {
        return calls.stream().filter(c -> userId.equals(c.caller()) && !c.path().startsWith("/internal/v1/rooms")).toList();
    }

    /** The calls that take or move {@code userId}'s money. */
    public List<Call> moneyCallsOf(String userId) {
        return walletCallsOf(userId).stream().filter(c -> c.method().equals("POST")
                && (c.path().startsWith("/internal/v1/holds") || c.path().startsWith("/internal/v1/transfers"))).toList();
    }

    /** A TEP for {@code userId} from mini-app {@code clientId}, with {@code wallet:pay}; launched in {@code roomId} if not null. */
    public String tep(String userId, String clientId, Object roomId) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject(userId).audience(clientId)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID("jti_" + UUID.randomUUID()).claim("token_type", "tep_access_token").claim("client_id", clientId).claim("azp", clientId)
                .claim("scope", "wallet:pay wallet:balance").claim("wallet_id", "tw_" + UUID.randomUUID().toString().substring(0, 8))
                .claim("session_id", "ses_" + UUID.randomUUID());
        if (roomId != null) {
            claims.claim("miniapp_context", Map.of("room_id", roomId));
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return "tep." + jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : StackHttp.JSON.readTree(raw);
        Map<String, String> params = params(query);
        String caller = caller(exchange.getRequestHeaders().getFirst("Authorization"));
        if (!path.equals("/jwks")) {
            calls.add(new Call(method, query == null ? path : path + "?" + query, caller, body));
        }
        try {
            switch (method + " " + path) {
                case "GET /jwks" -> send(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
                case "GET /internal/v1/rooms/shared" -> {
                    Set<String> members = rooms.getOrDefault(params.get("room_id"), Set.of());
                    boolean shared = members.contains(caller) && members.contains(params.get("user_id"));
                    Map<String, Object> answer = new HashMap<>();
                    answer.put("shared", shared);
                    answer.put("room_id", shared ? params.get("room_id") : null);
                    send(exchange, 200, answer);
                }
                case "POST /internal/v1/auth/verify" -> {
                    boolean right = StackUsers.hashedPin(StackUsers.PIN).equals(body.path("proof").path("hashed_pin").asString(""));
                    if (right) {
                        send(exchange, 200, Map.of("verified", true, "method", "pin"));
                    } else {
                        send(exchange, 401, error("INVALID_PIN", "PIN is not correct"));
                    }
                }
                case "GET /internal/v1/auth-policy" -> send(exchange, 200, Map.of("available_methods", List.of("pin"),
                        "recommended_method", "pin", "recipient_acceptance_required", false, "auth_upgrade_required", false,
                        "recipient_status", "active", "recipient_wallet_id", "tw_recipient_secret"));
                case "GET /internal/v1/holds" -> {
                    JsonNode hold = holds.get(params.get("reference"));
                    if (hold == null) {
                        send(exchange, 404, error("NOT_FOUND", "No such hold"));
                    } else {
                        send(exchange, 200, hold);
                    }
                }
                case "POST /internal/v1/holds" -> {
                    Map<String, Object> hold = new LinkedHashMap<>();
                    hold.put("hold_id", "hold_" + UUID.randomUUID().toString().substring(0, 8));
                    hold.put("wallet_id", "tw_payer");
                    hold.put("remaining", body.path("amount").decimalValue());
                    hold.put("status", "active");
                    JsonNode stored = holds.computeIfAbsent(body.path("reference").asString(), r -> StackHttp.JSON.valueToTree(hold));
                    send(exchange, 200, stored);
                }
                case "POST /internal/v1/transfers" -> send(exchange, 200, Map.of("ledger_txn_id", "txn_1",
                        "sender_wallet_id", "tw_payer", "recipient_wallet_id", "tw_recipient_secret", "recipient_status", "active"));
                default -> send(exchange, 404, error("NOT_FOUND", "The stub does not serve " + method + " " + path));
            }
        } catch (Exception e) {
            send(exchange, 500, error("INTERNAL_ERROR", String.valueOf(e)));
        }
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("error", Map.of("code", code, "message", message));
    }

    /** The TEP's subject, read without verification: the stub trusts payment-service to have verified it. */
    private static String caller(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer tep.")) {
            return null;
        }
        try {
            return SignedJWT.parse(authorization.substring("Bearer tep.".length())).getJWTClaimsSet().getSubject();
        } catch (Exception e) {
            return null;
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = (body instanceof String s ? s : StackHttp.JSON.writeValueAsString(body)).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
