package dev.tmcp.payment.wallet;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The {@code auth_proof} a payer sends with a P2P confirm (spec 7.2.4) or a gift (decision 0026):
 * {@code pin} ({@code hashed_pin}), {@code biometric} ({@code signature}, {@code device_id},
 * {@code timestamp}) or {@code otp} ({@code otp_code}). The wallet checks it.
 */
public record PayerProof(@NotBlank @Size(max = 20) String method, @NotNull @Size(max = 10) Map<String, Object> proof) {

    /** As the wallet checks it; a device signature covers {@code prefix:amount:currency:timestamp}. */
    public WalletClient.AuthProof signing(String prefix, String amount, String currency) {
        return new WalletClient.AuthProof(method, proof, prefix + ":" + amount + ":" + currency + ":" + proof.get("timestamp"));
    }

    @Override
    public String toString() {
        return "PayerProof[" + method + "]";
    }
}
