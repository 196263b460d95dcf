package dev.tmcp.core.id;

import java.util.regex.Pattern;

/** A Matrix room id, {@code !opaque:server}. */
public record RoomId(String value) {

    private static final Pattern FORMAT = Pattern.compile("![A-Za-z0-9._=\\-/+]+:[A-Za-z0-9.\\-]+(:[0-9]{1,5})?");

    public RoomId {
        if (value == null || value.length() > 255 || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a Matrix room id: " + value);
        }
    }

    public static RoomId of(String value) {
        return new RoomId(value);
    }

    public static boolean isValid(String value) {
        return value != null && value.length() <= 255 && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
