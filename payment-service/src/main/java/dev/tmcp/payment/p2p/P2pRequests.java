package dev.tmcp.payment.p2p;

import dev.tmcp.payment.wallet.PayerProof;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** Request bodies of spec 7.2.3 and 7.2.4. */
final class P2pRequests {

    private P2pRequests() {
    }

    /** {@code room_id} and {@code note} are optional; the room falls back to the TEP's launch context. */
    record Initiate(@NotBlank @Size(max = 255) String recipient, @NotNull BigDecimal amount,
            @NotBlank String currency, @NotBlank @Size(max = 100) String idempotencyKey,
            @Size(max = 255) String roomId, @Size(max = 500) String note) {
    }

    record Confirm(@NotNull @Valid PayerProof authProof) {
    }

    /** Spec 7.2.7; the device and time are informational, the TEP says who accepts. */
    record Accept(@Size(max = 255) String deviceId, @Size(max = 64) String timestamp) {
    }

    record Reject(@Size(max = 100) String reason, @Size(max = 500) String message) {
    }
}
