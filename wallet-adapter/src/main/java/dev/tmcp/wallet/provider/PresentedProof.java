package dev.tmcp.wallet.provider;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * A payer's authorization proof as a caller presents it: the method ({@code pin}, {@code biometric},
 * {@code otp}), its fields, and the message a device signature must cover.
 */
public record PresentedProof(@NotBlank String method, @NotNull Map<String, Object> proof, String message) {

    @Override
    public String toString() {
        return "PresentedProof[" + method + "]";
    }
}
