package dev.tmcp.wallet.account;

/**
 * The wallet operations only the host's own wallet app may call (decision 0027): activation (PIN
 * and device key), TOTP enrolment and changes of limits. They need the privileged scope of spec
 * 16.7, which the registry and auth-service grant to official apps only.
 */
public final class FirstParty {

    public static final String SCOPE = "wallet:admin";

    private FirstParty() {
    }
}
