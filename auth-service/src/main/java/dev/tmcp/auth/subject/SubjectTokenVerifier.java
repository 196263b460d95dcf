package dev.tmcp.auth.subject;

import com.nimbusds.jwt.JWTParser;
import dev.tmcp.auth.AuthProperties;
import java.text.ParseException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Chooses how to verify a subject token: a JWT issued by the Keycloak realm is introspected at
 * Keycloak (RFC 7662); anything else is taken to be a homeserver access token and checked with
 * the homeserver's whoami. Nothing in the token is trusted before that check answers.
 */
@Component
public class SubjectTokenVerifier {

    private final KeycloakIntrospection keycloak;
    private final HomeserverWhoami homeserver;
    private final String keycloakIssuer;

    SubjectTokenVerifier(KeycloakIntrospection keycloak, HomeserverWhoami homeserver, AuthProperties properties) {
        this.keycloak = keycloak;
        this.homeserver = homeserver;
        this.keycloakIssuer = properties.keycloak().issuer();
    }

    public Mono<SubjectIdentity> verify(String subjectToken) {
        return claimsIssuer(subjectToken).equals(keycloakIssuer)
                ? keycloak.verify(subjectToken)
                : homeserver.verify(subjectToken);
    }

    private static String claimsIssuer(String token) {
        if (token.chars().filter(c -> c == '.').count() != 2) {
            return "";
        }
        try {
            String issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
            return issuer == null ? "" : issuer;
        } catch (ParseException e) {
            return "";
        }
    }
}
