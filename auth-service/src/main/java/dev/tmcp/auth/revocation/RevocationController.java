package dev.tmcp.auth.revocation;

import dev.tmcp.auth.subject.SubjectTokenVerifier;
import dev.tmcp.auth.token.OAuthException;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
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
 * Both end every TEP session of that user and mini-app and forget the consents.
 */
@RestController
class RevocationController {

    private static final Set<String> REASONS = Set.of("user_initiated", "security", "app_removed");

    private final Revocations revocations;
    private final SubjectTokenVerifier subjects;

    RevocationController(Revocations revocations, SubjectTokenVerifier subjects) {
        this.revocations = revocations;
        this.subjects = subjects;
    }

    @PostMapping("/api/v1/auth/revoke")
    Mono<Map<String, Object>> revoke(TepPrincipal tep, @RequestBody(required = false) Map<String, Object> body) {
        Object reason = body == null ? null : body.get("reason");
        String why = reason == null ? "user_initiated" : reason.toString();
        if (!REASONS.contains(why)) {
            return Mono.error(OAuthException.invalidRequest("reason must be one of " + REASONS));
        }
        return revocations.revoke(tep.userId().value(), tep.clientId(), why).map(o -> answer(tep.clientId(), o));
    }

    @DeleteMapping("/api/v1/auth/authorizations/{clientId}")
    Mono<Map<String, Object>> delete(@PathVariable String clientId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.error(new OAuthException(401, "invalid_token", "The user's Matrix access token is required",
                    Map.of()));
        }
        return subjects.verify(authorization.substring(7).trim(), clientId)
                .flatMap(user -> revocations.revoke(user.userId().value(), clientId, "user_initiated"))
                .map(o -> answer(clientId, o));
    }

    private static Map<String, Object> answer(String clientId, Revocations.Outcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("revoked", true);
        body.put("client_id", clientId);
        body.put("sessions_revoked", outcome.sessionsRevoked());
        body.put("revoked_scopes", outcome.revokedScopes());
        body.put("revoked_at", outcome.revokedAt());
        return body;
    }

}
