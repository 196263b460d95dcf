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
    /** A developer token (spec 4.4.2): a developer at the developer API, never a TEP. */
    public static final String DEVELOPER = "developer_token";
    public static final String DEVELOPER_PREFIX = "dev.";
    /** The only audience of a developer token (spec 4.4.2). */
    public static final String DEVELOPER_AUDIENCE = "tmcp_developer_api";

    private TokenTypes() {
    }
}
