package dev.tmcp.wallet.ledger.proof;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;

/** PIN strength rules of spec 6.3.10: at least 6 digits, no repeating or sequential pattern. */
public final class PinPolicy {

    private PinPolicy() {
    }

    public static void check(String pin) {
        if (pin == null || !pin.matches("[0-9]{6,12}")) {
            throw new TmcpException(ErrorCode.WEAK_PIN, "PIN must be 6 to 12 digits");
        }
        if (pin.chars().distinct().count() == 1) {
            throw new TmcpException(ErrorCode.WEAK_PIN, "PIN must not repeat one digit");
        }
        if (isSequence(pin, 1) || isSequence(pin, -1)) {
            throw new TmcpException(ErrorCode.WEAK_PIN, "PIN must not be a sequence");
        }
    }

    private static boolean isSequence(String pin, int step) {
        for (int i = 1; i < pin.length(); i++) {
            if (pin.charAt(i) - pin.charAt(i - 1) != step) {
                return false;
            }
        }
        return true;
    }
}
