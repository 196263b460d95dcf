package dev.tmcp.core.wire;

import java.util.Arrays;

/** A value with the name the database and the API use for it, e.g. a status enum's {@code pending_authorization}. */
public interface WireName {

    String wire();

    /** The constant of {@code type} whose wire name is {@code wire}. */
    static <E extends Enum<E> & WireName> E of(Class<E> type, String wire) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a " + type.getSimpleName() + ": " + wire));
    }
}
