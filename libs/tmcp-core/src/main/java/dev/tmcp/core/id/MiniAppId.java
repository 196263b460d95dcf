package dev.tmcp.core.id;

import java.util.regex.Pattern;

/** A mini-app client id, {@code ma_…}. */
public record MiniAppId(String value) {

    private static final Pattern FORMAT = Pattern.compile("ma_[A-Za-z0-9_]{1,64}");

    public MiniAppId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a mini-app id: " + value);
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
