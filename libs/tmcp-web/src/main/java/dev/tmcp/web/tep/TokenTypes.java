package dev.tmcp.web.tep;

/** Token types and wire prefixes issued by auth-service. */
public final class TokenTypes {

    public static final String TEP = "tep_access_token";
    public static final String TEP_PREFIX = "tep.";
    public static final String SERVICE = "service_token";
    public static final String SERVICE_PREFIX = "svc.";
    /** A mini-app backend's own token (client_credentials grant): no user behind it. */
    public static final String CLIENT = "client_access_token";
    public static final String CLIENT_PREFIX = "cli.";

    private TokenTypes() {
    }
}
