package dev.tmcp.core.id;

import java.util.regex.Pattern;

/** A Matrix user id, {@code @localpart:server}. */
public record UserId(String value) {

    private static final Pattern FORMAT = Pattern.compile("@[a-z0-9._=\\-/+]+:[A-Za-z0-9.\\-]+(:[0-9]{1,5})?");

    public UserId {
        if (value == null || value.length() > 255 || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a Matrix user id: " + value);
        }
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    public static boolean isValid(String value) {
        return value != null && value.length() <= 255 && FORMAT.matcher(value).matches();
    }

    public String localpart() {
        return value.substring(1, value.indexOf(':'));
    }

    public String serverName() {
        return value.substring(value.indexOf(':') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
