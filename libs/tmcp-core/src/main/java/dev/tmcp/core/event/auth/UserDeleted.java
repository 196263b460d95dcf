package dev.tmcp.core.event.auth;

/** {@code user.deleted} on {@code tmcp.auth}: an account was deleted; every service drops that user's data. */
public record UserDeleted(String userId) {

    public static final String TYPE = "user.deleted";
}
