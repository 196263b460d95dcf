package dev.tmcp.wallet.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /wallet/v1/activate} (spec 6.3.10). */
public record ActivationRequest(String walletId, @NotNull @Valid VerificationData verificationData) {

    public record VerificationData(IdDocument idDocument, BiometricData biometricData, @NotBlank String pin,
            boolean termsAccepted, @NotBlank String termsVersion) {

        @Override
        public String toString() {
            return "VerificationData[terms=" + termsVersion + ", pin=<redacted>]";
        }
    }

    public record IdDocument(String type, String documentNumber, String country) {
    }

    public record BiometricData(String deviceId, String publicKey) {
    }
}
