package dev.tmcp.web.tep;

/** A suite service calling an internal endpoint with a service token issued by auth-service. */
public record ServiceCaller(String service) {
}
