package dev.tmcp.auth.consent;

import dev.tmcp.auth.subject.SubjectIdentity;
import dev.tmcp.web.tep.TokenTypes;
import java.util.List;
import java.util.Set;

/**
 * Who may decide a consent session (decision 0025): only the user's own host client, proven by a
 * credential the mini-app never holds — the user's homeserver access token, or a Keycloak token
 * issued to a first-party client — and only for the user the session was opened for.
 */
final class ConsentAuthority {

    /** The answer for one presented credential. */
    enum Verdict {
        /** The user's host client: it may decide. */
        ALLOWED,
        /** A token the suite issued (TEP, developer, client or service token): never the user's own. */
        SUITE_TOKEN,
        /** A verified user token, but issued to a mini-app (or the suite itself), not to the host client. */
        NOT_THE_HOST_CLIENT,
        /** The host client of a different user. */
        ANOTHER_USER
    }

    private static final List<String> SUITE_PREFIXES = List.of(TokenTypes.TEP_PREFIX, TokenTypes.DEVELOPER_PREFIX,
            TokenTypes.CLIENT_PREFIX, TokenTypes.SERVICE_PREFIX);

    private ConsentAuthority() {
    }

    /** Tokens the suite itself issued are refused before anyone is asked about them. */
    static boolean isSuiteToken(String token) {
        return SUITE_PREFIXES.stream().anyMatch(token::startsWith);
    }

    /**
     * @param presenter the verified identity behind the presented token
     * @param firstPartyClients Keycloak clients of the host application (never a mini-app, never the suite's own)
     * @param sessionUserId the user the consent session was opened for
     */
    static Verdict judge(SubjectIdentity presenter, Set<String> firstPartyClients, String sessionUserId) {
        boolean hostClient = switch (presenter.source()) {
            case SubjectIdentity.MATRIX_SESSION -> presenter.issuedTo() == null;
            case SubjectIdentity.KEYCLOAK -> presenter.issuedTo() != null && firstPartyClients.contains(presenter.issuedTo());
            default -> false;
        };
        if (!hostClient) {
            return Verdict.NOT_THE_HOST_CLIENT;
        }
        return presenter.userId().value().equals(sessionUserId) ? Verdict.ALLOWED : Verdict.ANOTHER_USER;
    }
}
