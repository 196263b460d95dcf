package dev.tmcp.core.id;

import java.util.regex.Pattern;

/** A wallet id, {@code tw_…}. */
public record WalletId(String value) {

    private static final Pattern FORMAT = Pattern.compile("tw_[A-Za-z0-9_]{1,64}");

    public WalletId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a wallet id: " + value);
        }
    }

    public static WalletId next() {
        return new WalletId(Ids.next("tw_"));
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
