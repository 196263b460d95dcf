package dev.tmcp.auth.token;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The token endpoint's answer (RFC 6749 5.1, spec 4.3.1), in snake_case like every body of the
 * suite. A field a grant does not answer is null and left out: {@code client_credentials} has no
 * refresh token or user, a refresh no {@code issued_token_type}, a homeserver subject no
 * {@code matrix_access_token}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, String scope,
        String userId, String walletId, Boolean delegatedSession, String issuedTokenType, String matrixAccessToken,
        Long matrixExpiresIn) {

    static final String BEARER = "Bearer";

    /** A client's own token: no user, no refresh token. */
    static TokenResponse client(String accessToken, long expiresIn, String scope) {
        return new TokenResponse(accessToken, BEARER, expiresIn, null, scope, null, null, null, null, null, null);
    }

    /** A TEP of a user's session, with the refresh token that continues it. */
    static TokenResponse tep(String accessToken, long expiresIn, String refreshToken, String scope, String userId,
            String walletId, boolean delegatedSession) {
        return new TokenResponse(accessToken, BEARER, expiresIn, refreshToken, scope, userId, walletId, delegatedSession,
                null, null, null);
    }

    /** This answer as the token exchange gives it (RFC 8693 2.2.1), with the Matrix token when there is one. */
    TokenResponse exchanged(String issuedTokenType, String matrixToken, Long matrixExpires) {
        return new TokenResponse(accessToken, tokenType, expiresIn, refreshToken, scope, userId, walletId,
                delegatedSession, issuedTokenType, matrixToken, matrixExpires);
    }
}
