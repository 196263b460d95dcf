package dev.tmcp.payment.refund;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * Body of spec 7.4. {@code amount} left out refunds all that is left; {@code idempotency_key} is
 * required like every other payment request (11.3; decision 0022).
 */
record RefundRequest(BigDecimal amount, String currency, @Size(max = 100) String reason, @Size(max = 500) String notes,
        @NotBlank @Size(max = 100) String idempotencyKey) {
}
