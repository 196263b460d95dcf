package dev.tmcp.payment.gift;

import dev.tmcp.payment.wallet.PayerProof;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** Request bodies of spec 7.5.2 and 7.5.3. */
final class GiftRequests {

    private GiftRequests() {
    }

    /**
     * Individual: {@code recipient}, {@code amount}. Group: {@code room_id}, {@code total_amount},
     * {@code count}, {@code distribution}. Both: {@code currency}, {@code idempotency_key}, the
     * payer's {@code auth_proof} (decision 0026), optional {@code message} and {@code expires_in_seconds}.
     */
    record Create(@NotBlank @Size(max = 20) String type, @Size(max = 255) String recipient, BigDecimal amount,
            BigDecimal totalAmount, @NotBlank String currency, Integer count, @Size(max = 20) String distribution,
            Integer expiresInSeconds, @Size(max = 500) String message, @Size(max = 255) String roomId,
            @NotBlank @Size(max = 100) String idempotencyKey, @NotNull @Valid PayerProof authProof) {
    }

    /** {@code device_id} is accepted as 7.5.3 shows it; opening needs nothing else. */
    record Open(@Size(max = 255) String deviceId) {
    }
}
