package dev.tmcp.payment.it;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * Test doubles at the HTTP level for what payment-service calls: auth-service (JWKS, client
 * credentials: {@link StubTokens}), wallet-adapter's internal API (money: {@link StubLedger};
 * proofs and MFA: {@link StubProofs}) and matrix-bridge's room membership ({@link StubRoutes},
 * which also requires payment-service's credentials, {@link #SERVICE_SECRET}, on settling calls
 * and a TEP on the payer's). Each call is recorded, so a test can say which money was asked to
 * move; balances are kept, so it can say where it went.
 */
public final class StubWalletAndBridge implements AutoCloseable {

    public static final String ISSUER = "http://127.0.0.1:8080";
    public static final String SERVICE_SECRET = "stub-payment-service-secret-0123456789";
    /** Every user's wallet PIN. */
    public static final String PIN = StubProofs.PIN;

    /** A recorded call: method, path (with query), the user of the TEP it carried (or null) and body. */
    public record Call(String method, String path, String caller, JsonNode body) {
    }

    /** A registered, approved hybrid mini-app; its backend half has a secret. */
    public record Merchant(String id, String backendId, String backendSecret) {

        public String basic() {
            return Http.basic(backendId, backendSecret);
        }
    }

    /** A payment device registered for a user: its key signs what the payer authorizes. */
    public record Device(String id, KeyPair keys) {

        public String sign(String message) {
            try {
                Signature signer = Signature.getInstance("SHA256withECDSA");
                signer.initSign(keys.getPrivate());
                signer.update(message.getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(signer.sign());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final StubTokens tokens = new StubTokens();
    private final StubLedger ledger = new StubLedger();
    private final StubProofs proofs = new StubProofs();
    private final StubRoutes routes = new StubRoutes(tokens, ledger, proofs);
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public StubWalletAndBridge() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
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

    /** A TEP for {@code userId} from mini-app {@code clientId}, with {@code wallet:pay}; launched in {@code roomId} if not null. */
    public String tep(String userId, String clientId, Object roomId) {
        return tokens.tep(userId, clientId, roomId);
    }

    /** A mini-app {@code ma_<label>_<random>} whose backend can authenticate with its secret. */
    public Merchant merchant(String label) {
        return tokens.merchant(label);
    }

    /** {@code userId} is joined to {@code roomId} as far as the stub homeserver knows. */
    public void join(String roomId, String userId) {
        routes.join(roomId, userId);
    }

    /** Credits {@code amount} USD to {@code owner}'s available balance (as a sandbox funding would). */
    public void fund(String owner, String amount) {
        ledger.fund(owner, Money.parse(new BigDecimal(amount), "USD").minorUnits());
    }

    /** {@code owner}'s available balance in minor units: a user's or a mini-app's merchant wallet. */
    public long balanceMinor(String owner) {
        return ledger.available(owner);
    }

    /** The wallet id the stub gives {@code owner}. */
    public String walletIdOf(String owner) {
        return StubLedger.walletId(owner);
    }

    /** A hold as {@code GET /internal/v1/holds/{id}} answers it. */
    public JsonNode hold(String holdId) {
        return Http.JSON.valueToTree(ledger.hold(holdId));
    }

    /** Registers a new payment device for {@code userId}. */
    public Device device(String userId) {
        return proofs.device(userId);
    }

    /** A payer's {@code auth_proof} with {@code pin}, hashed as a client sends it ({@link #PIN} is right). */
    public static Map<String, Object> pinProof(String pin) {
        return Map.of("method", "pin", "proof", Map.of("hashed_pin", StubProofs.hashedPin(pin)));
    }

    /** The lowercase hex SHA-256 of {@code pin}, as clients send it. */
    public static String hashedPin(String pin) {
        return StubProofs.hashedPin(pin);
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

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        // The token endpoint's form is not read: only its Authorization header counts.
        JsonNode body = raw.length == 0 || type == null || !type.contains("json") ? null : Http.JSON.readTree(raw);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String caller = caller(authorization);
        if (!path.equals("/jwks")) {
            calls.add(new Call(method, query == null ? path : path + "?" + query, caller, body));
        }
        try {
            Object answer = routes.answer(new StubRoutes.Request(method, path, params(query), authorization, caller, body));
            if (answer instanceof StubRoutes.Refused refused) {
                send(exchange, refused.status(), refused.body());
            } else {
                send(exchange, 200, answer);
            }
        } catch (TmcpException e) {
            send(exchange, e.code().httpStatus(), Map.of("error", Map.of("code", e.code().name(), "message", e.getMessage())));
        } catch (Exception e) {
            send(exchange, 500, Map.of("error", Map.of("code", "INTERNAL_ERROR", "message", String.valueOf(e))));
        }
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
        byte[] bytes = (body instanceof String s ? s : Http.JSON.writeValueAsString(body)).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
