package dev.tmcp.bridge;

import java.util.List;

/** The virtual users of the suite (spec 4.11.2, 7.5.4, 8). */
public enum Bots {
    SYSTEM("_tmcp", "Tween", 0x3F51B5),
    PAYMENTS("_tmcp_payments", "Tween Payments", 0x4CAF50),
    GIFTS("_tmcp_gifts", "Tween Gifts", 0xE91E63),
    UPDATER("_tmcp_updater", "Tween Updates", 0xFF9800);

    private final String localpart;
    private final String displayName;
    private final int colour;

    Bots(String localpart, String displayName, int colour) {
        this.localpart = localpart;
        this.displayName = displayName;
        this.colour = colour;
    }

    /** RGB of the bot's avatar. */
    public int colour() {
        return colour;
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
