package dev.tmcp.auth.developer;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.developer.org.Organizations;
import dev.tmcp.auth.oauth.TokenSigner;
import dev.tmcp.core.id.Ids;
import dev.tmcp.web.tep.DeveloperRole;
import dev.tmcp.web.tep.TokenTypes;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Issues a developer token (claims of spec 4.4.2, plus the {@code session_id} through which it
 * can be revoked) and its rotating refresh token. Organizations and permissions are read fresh at
 * every issuance, so a refresh carries the current roles (spec 4.4.5 step 2).
 */
@Component
class DeveloperTokenIssuer {

    private static final Logger log = LoggerFactory.getLogger(DeveloperTokenIssuer.class);
    static final List<String> ROLES = List.of("developer");

    private final TokenSigner signer;
    private final DeveloperRefreshTokens refreshTokens;
    private final Organizations organizations;
    private final DeveloperProperties properties;
    private final String issuer;

    DeveloperTokenIssuer(TokenSigner signer, DeveloperRefreshTokens refreshTokens, Organizations organizations,
            DeveloperProperties properties, AuthProperties auth) {
        this.signer = signer;
        this.refreshTokens = refreshTokens;
        this.organizations = organizations;
        this.properties = properties;
        this.issuer = auth.issuer();
    }

    /**
     * @param login true for the authorization-code answer of 4.4.3 (with developer_id, roles and
     *     organizations), false for the refresh answer of 4.4.5
     */
    Mono<DeveloperTokenResponse> issue(String developerId, String sessionId, boolean login) {
        return organizations.memberships(developerId).flatMap(memberships -> {
            // The claim keeps plain maps: Nimbus writes claims with its own JSON, which knows no records.
            List<Map<String, Object>> orgs = memberships.stream().map(m -> {
                Map<String, Object> org = new LinkedHashMap<>();
                org.put("org_id", m.orgId());
                org.put("name", m.name());
                org.put("role", m.role());
                return org;
            }).toList();
            List<String> permissions = DeveloperRole.permissionsOf(memberships.stream()
                    .map(m -> DeveloperRole.of(m.role())).flatMap(Optional::stream).toList());
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject(developerId)
                    .audience(TokenTypes.DEVELOPER_AUDIENCE)
                    .expirationTime(Date.from(now.plus(properties.tokenLifetime())))
                    .issueTime(Date.from(now))
                    .notBeforeTime(Date.from(now))
                    .jwtID(Ids.next("dev-token-"))
                    .claim("token_type", TokenTypes.DEVELOPER)
                    .claim("developer_id", developerId)
                    .claim("roles", ROLES)
                    .claim("organizations", orgs)
                    .claim("permissions", permissions)
                    .claim("session_id", sessionId)
                    .build();
            return Mono.zip(signer.sign(claims), refreshTokens.issue(sessionId, developerId)).map(signed -> {
                var body = DeveloperTokenResponse.refresh(TokenTypes.DEVELOPER_PREFIX + signed.getT1(),
                        properties.tokenLifetime().toSeconds(), signed.getT2());
                log.info("developer token issued to {} (session {}, {})", developerId, sessionId,
                        login ? "login" : "refresh");
                return login ? body.login(developerId, ROLES, memberships) : body;
            });
        });
    }
}
