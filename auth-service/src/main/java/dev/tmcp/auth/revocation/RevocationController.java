package dev.tmcp.auth.revocation;

import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.auth.subject.SubjectTokenVerifier;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.MiniAppId;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Permission revocation (spec 5.6), two doors to the same act:
 * <ul>
 *   <li>{@code POST /api/v1/auth/revoke} with the session's TEP: the client revoking what the user
 *       granted this mini-app;</li>
 *   <li>{@code DELETE /api/v1/auth/authorizations/{client_id}} with the user's own Matrix or Keycloak
 *       token: the user removing a mini-app from their settings, no TEP needed.</li>
 * </ul>
 * Both end every TEP session of that user and mini-app and forget the consents; or, given scopes
 * ({@code "scopes": [...]} in the POST body, {@code ?scope=} on the DELETE), withdraw only those:
 * their approvals go and the sessions holding them end.
 */
@RestController
class RevocationController {

    private static final Set<String> REASONS = Set.of("user_initiated", "security", "app_removed");
    private static final java.util.regex.Pattern SCOPE = java.util.regex.Pattern.compile("[a-z]+(:[a-z_]+)+");
    private static final int MAX_SCOPES = 32;

    private final Revocations revocations;
    private final SubjectTokenVerifier subjects;

    RevocationController(Revocations revocations, SubjectTokenVerifier subjects) {
        this.revocations = revocations;
        this.subjects = subjects;
    }

    /** {@code revoked_at} in epoch seconds, as the outcome has it. */
    record Revoked(boolean revoked, String clientId, int sessionsRevoked, List<String> revokedScopes, long revokedAt) {

        static Revoked of(String clientId, Revocations.Outcome outcome) {
            return new Revoked(true, clientId, outcome.sessionsRevoked(), outcome.revokedScopes(), outcome.revokedAt());
        }
    }

    @PostMapping("/api/v1/auth/revoke")
    Mono<Revoked> revoke(TepPrincipal tep, @RequestBody(required = false) Map<String, Object> body) {
        // A TEP-authenticated API call: its refusals are 12.1 errors, not OAuth's (12.3).
        Object reason = body == null ? null : body.get("reason");
        if (reason != null && !(reason instanceof String r && REASONS.contains(r))) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "reason must be one of " + REASONS));
        }
        String why = reason == null ? "user_initiated" : (String) reason;
        List<String> scopes;
        try {
            scopes = scopes(body == null ? null : body.get("scopes"));
        } catch (IllegalArgumentException e) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, e.getMessage()));
        }
        String user = tep.userId().value();
        return (scopes.isEmpty() ? revocations.revoke(user, tep.clientId(), why)
                : revocations.revokeScopes(user, tep.clientId(), scopes, why))
                .map(o -> Revoked.of(tep.clientId(), o));
    }

    @DeleteMapping("/api/v1/auth/authorizations/{clientId}")
    Mono<Revoked> delete(@PathVariable String clientId,
            @RequestParam(name = "scope", required = false) List<String> scope,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.error(new OAuthException(401, "invalid_token", "The user's Matrix access token is required",
                    Map.of()));
        }
        if (!MiniAppId.isValid(clientId)) {
            return Mono.error(OAuthException.invalidRequest("client_id must be a mini-app client id (ma_…)"));
        }
        List<String> scopes;
        try {
            scopes = scope == null ? List.of()
                    : scopes(scope.stream().flatMap(s -> Arrays.stream(s.trim().split("\\s+"))).filter(s -> !s.isEmpty()).toList());
        } catch (IllegalArgumentException e) {
            return Mono.error(OAuthException.invalidRequest(e.getMessage()));
        }
        return subjects.verify(authorization.substring(7).trim(), clientId)
                .flatMap(user -> scopes.isEmpty()
                        ? revocations.revoke(user.userId().value(), clientId, "user_initiated")
                        : revocations.revokeScopes(user.userId().value(), clientId, scopes, "user_initiated"))
                .map(o -> Revoked.of(clientId, o));
    }

    /** Scopes to withdraw (spec 5.6 single-scope revocation): absent or empty means all of them. */
    private static List<String> scopes(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.size() > MAX_SCOPES
                || !list.stream().allMatch(s -> s instanceof String str && SCOPE.matcher(str).matches())) {
            throw new IllegalArgumentException("scopes must be a list of at most " + MAX_SCOPES + " scope names");
        }
        return list.stream().map(String.class::cast).distinct().toList();
    }
}
