package dev.tmcp.payment.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Request bodies of spec 7.3.1, 7.3.2 and of the MFA step (decision 0022). */
final class PaymentRequests {

    private PaymentRequests() {
    }

    record Create(@NotNull BigDecimal amount, @NotBlank String currency, @Size(max = 500) String description,
            @Size(max = 100) String merchantOrderId, @Valid @Size(max = 100) List<Item> items,
            @Size(max = 2048) String callbackUrl, @NotBlank @Size(max = 100) String idempotencyKey) {
    }

    record Item(@Size(max = 100) String itemId, @Size(max = 200) String name, @NotNull @Min(1) Integer quantity,
            @NotNull BigDecimal unitPrice) {
    }

    record Authorize(@NotBlank @Size(max = 2048) String signature, @NotBlank @Size(max = 120) String deviceId,
            @NotBlank @Size(max = 40) String timestamp) {
    }

    record MfaVerify(@NotBlank @Size(max = 60) String challengeId, @NotBlank @Size(max = 20) String method,
            @NotNull @Size(max = 10) Map<String, Object> credentials) {

        @Override
        public String toString() {
            return "MfaVerify[" + challengeId + ", " + method + "]";
        }
    }
}
