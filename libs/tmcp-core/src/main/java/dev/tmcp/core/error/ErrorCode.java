package dev.tmcp.core.error;

/** The TMCP error catalogue (spec 12.2) plus the generic codes the suite needs for bad input. */
public enum ErrorCode {
    INVALID_TOKEN(401),
    INSUFFICIENT_PERMISSIONS(403),
    INSUFFICIENT_FUNDS(402),
    PAYMENT_FAILED(400),
    RATE_LIMIT_EXCEEDED(429),
    MINIAPP_NOT_FOUND(404),
    INVALID_SIGNATURE(401),
    DUPLICATE_TRANSACTION(409),
    MFA_REQUIRED(402),
    MFA_LOCKED(429),
    INVALID_MFA_CREDENTIALS(401),
    STORAGE_QUOTA_EXCEEDED(413),
    APP_NOT_REMOVABLE(403),
    APP_NOT_FOUND(404),
    DEVICE_NOT_REGISTERED(400),
    USER_SUSPENDED(403),
    RECIPIENT_ACCEPTANCE_REQUIRED(400),
    TRANSFER_EXPIRED(400),
    GIFT_EXPIRED(400),
    /** Spec 7.5.6: every share of the gift has been taken. */
    GIFT_EMPTY(409),
    /** Spec 7.5.6: this user already opened the gift. */
    ALREADY_OPENED(409),
    CONSENT_REQUIRED(403),
    INVALID_SCOPE(400),
    AMOUNT_EXCEEDS_LIMIT(400),
    DAILY_LIMIT_EXCEEDED(429),
    P2P_SEND_NOT_ALLOWED(403),
    // Codes the spec does not name but a client still needs to tell apart.
    /** The monthly limit of the verification level (6.4.2 names the limit, not its error; decision 0020). */
    MONTHLY_LIMIT_EXCEEDED(429),
    INVALID_REQUEST(400),
    INVALID_AMOUNT(400),
    USER_NOT_FOUND(404),
    WALLET_NOT_FOUND(404),
    TRANSFER_NOT_FOUND(404),
    PAYMENT_NOT_FOUND(404),
    /** A mini-app payment not authorized within its 5 minutes (7.3.1 names the expiry, not its error; decision 0022). */
    PAYMENT_EXPIRED(400),
    GIFT_NOT_FOUND(404),
    /** An individual gift opened by someone other than its recipient. */
    NOT_GIFT_RECIPIENT(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    UNSUPPORTED_MEDIA_TYPE(415),
    PAYLOAD_TOO_LARGE(413),
    NO_SHARED_ROOM(403),
    ACCOUNT_NOT_ACTIVE(403),
    INVALID_PIN(401),
    WEAK_PIN(400),
    ALREADY_ACTIVATED(409),
    INVALID_STATE(409),
    SANDBOX_DISABLED(400),
    SERVICE_UNAVAILABLE(503),
    /** The gateway's upstream closed or reset the connection before it answered (outcome unknown). */
    BAD_GATEWAY(502),
    /** The gateway's upstream did not answer within the route's response timeout (outcome unknown). */
    GATEWAY_TIMEOUT(504),
    INTERNAL_ERROR(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
