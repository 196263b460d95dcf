package dev.tmcp.payment.it;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.internal.ServiceCredentials;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Which part of the stub answers which endpoint, with the credentials the real service requires:
 * the payer's own calls carry a TEP, settling calls payment-service's credentials. Room membership
 * (matrix-bridge) and the authorization policy are answered here.
 */
final class StubRoutes {

    private static final Pattern HOLD = Pattern.compile("/internal/v1/holds/([^/]+)(/capture|/release)?");
    private static final Pattern MFA_ANSWER = Pattern.compile("/internal/v1/mfa/challenges/([^/]+)/verify");
    private static final String SERVICE = new ServiceCredentials("payment-service", StubWalletAndBridge.SERVICE_SECRET)
            .basicHeader();

    /** A call as the routes see it; {@code caller} is the TEP's user, or null. */
    record Request(String method, String path, Map<String, String> params, String authorization, String caller,
            JsonNode body) {
    }

    /** An answer that is not a TMCP error: auth-service's OAuth errors. */
    record Refused(int status, Object body) {
    }

    private final StubTokens tokens;
    private final StubLedger ledger;
    private final StubProofs proofs;
    private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();

    StubRoutes(StubTokens tokens, StubLedger ledger, StubProofs proofs) {
        this.tokens = tokens;
        this.ledger = ledger;
        this.proofs = proofs;
    }

    void join(String roomId, String userId) {
        rooms.computeIfAbsent(roomId, r -> ConcurrentHashMap.newKeySet()).add(userId);
    }

    /** The answer's body (status 200), or a {@link Refused}; a {@link TmcpException} is the service's error. */
    Object answer(Request r) {
        return switch (r.method() + " " + r.path()) {
            case "GET /jwks" -> tokens.jwks();
            case "POST /oauth2/token" -> tokens.backendAuthenticates(r.authorization())
                    ? Map.of("access_token", "stub", "token_type", "Bearer", "expires_in", 300)
                    : new Refused(401, Map.of("error", "invalid_client"));
            case "GET /internal/v1/rooms/shared" -> shared(payer(r), r.params().get("user_id"), r.params().get("room_id"));
            case "GET /internal/v1/auth-policy" -> {
                payer(r);
                yield policy(r.params().get("recipient"));
            }
            case "POST /internal/v1/auth/verify" -> proofs.verify(payer(r), r.body());
            case "POST /internal/v1/mfa/challenges" -> proofs.challenge(payer(r), r.body());
            case "POST /internal/v1/holds" -> ledger.hold(payer(r), r.body());
            case "GET /internal/v1/holds" -> ledger.holdByReference(service(r).params().get("reference"));
            case "POST /internal/v1/transfers" -> {
                proofs.verify(payer(r), r.body().path("auth_proof"));
                yield ledger.transfer(payer(r), r.body());
            }
            case "GET /internal/v1/transfers" -> ledger.transferByReference(service(r).params().get("reference"));
            case "POST /internal/v1/refunds" -> ledger.refund(service(r).body());
            default -> withId(r);
        };
    }

    private Object withId(Request r) {
        Matcher hold = HOLD.matcher(r.path());
        if (hold.matches()) {
            String action = r.method() + " " + (hold.group(2) == null ? "" : hold.group(2));
            switch (action) {
                case "GET " -> {
                    service(r);
                    return ledger.hold(hold.group(1));
                }
                case "POST /capture" -> {
                    return ledger.capture(hold.group(1), service(r).body());
                }
                case "POST /release" -> {
                    return ledger.release(hold.group(1), service(r).body());
                }
                default -> {
                }
            }
        }
        Matcher mfa = MFA_ANSWER.matcher(r.path());
        if (r.method().equals("POST") && mfa.matches()) {
            return proofs.answer(payer(r), mfa.group(1), r.body());
        }
        throw new TmcpException(ErrorCode.NOT_FOUND, "The stub does not serve " + r.method() + " " + r.path());
    }

    private Map<String, Object> shared(String caller, String userId, String roomId) {
        Set<String> members = rooms.getOrDefault(roomId, Set.of());
        boolean shared = members.contains(caller) && members.contains(userId);
        Map<String, Object> answer = new HashMap<>();
        answer.put("shared", shared);
        answer.put("room_id", shared ? roomId : null);
        return answer;
    }

    /** Spec 7.2.2: the PIN, no acceptance, and the recipient's active account when one is named. */
    private static Map<String, Object> policy(String recipient) {
        Map<String, Object> policy = new HashMap<>(Map.of("available_methods", List.of("pin"), "recommended_method", "pin",
                "recipient_acceptance_required", false, "auth_upgrade_required", false));
        if (recipient != null) {
            policy.put("recipient_status", "active");
            policy.put("recipient_wallet_id", StubLedger.walletId(recipient));
        }
        return policy;
    }

    /** The TEP's user: the payer's own calls refuse anything else. */
    private static String payer(Request r) {
        if (r.caller() == null) {
            throw new TmcpException(ErrorCode.INVALID_TOKEN, "A TEP is required");
        }
        return r.caller();
    }

    /** The request, once it carries payment-service's credentials. */
    private static Request service(Request r) {
        if (!SERVICE.equals(r.authorization())) {
            throw new TmcpException(ErrorCode.INVALID_TOKEN, "Service credentials are required");
        }
        return r;
    }
}
