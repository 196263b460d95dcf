package dev.tmcp.wallet.account;

import dev.tmcp.wallet.input.Inputs;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /wallet/v1/activate} (spec 6.3.10). */
public record ActivationRequest(String walletId, @NotNull @Valid VerificationData verificationData) {

    public record VerificationData(IdDocument idDocument, @Valid BiometricData biometricData, @NotBlank @Size(max = 100) String pin,
            boolean termsAccepted, @NotBlank @Size(max = 40) @Pattern(regexp = Inputs.PRINTABLE) String termsVersion) {

        @Override
        public String toString() {
            return "VerificationData[terms=" + termsVersion + ", pin=<redacted>]";
        }
    }

    public record IdDocument(String type, String documentNumber, String country) {
    }

    public record BiometricData(@Size(max = 120) @Pattern(regexp = Inputs.PRINTABLE) String deviceId,
            @Size(max = 4096) String publicKey) {
    }
}
