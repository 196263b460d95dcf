package dev.tmcp.auth.oauth;

/** Builds the refusals {@link SingleUseTokens} raises, for tests of the flows that answer them. */
public final class Refusals {

    private Refusals() {
    }

    public static SingleUseTokens.RefusedException of(SingleUseTokens.Refusal refusal, String sessionId) {
        return new SingleUseTokens.RefusedException(refusal, sessionId);
    }
}
