package dev.tmcp.bridge;

import java.util.List;

/** The virtual users of the suite (spec 4.11.2, 7.5.4, 8). */
public enum Bots {
    SYSTEM("_tmcp", "Tween"),
    PAYMENTS("_tmcp_payments", "Tween Payments"),
    GIFTS("_tmcp_gifts", "Tween Gifts"),
    UPDATER("_tmcp_updater", "Tween Updates");

    private final String localpart;
    private final String displayName;

    Bots(String localpart, String displayName) {
        this.localpart = localpart;
        this.displayName = displayName;
    }

    public String localpart() {
        return localpart;
    }

    public String displayName() {
        return displayName;
    }

    public static List<Bots> all() {
        return List.of(values());
    }
}
