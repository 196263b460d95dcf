package dev.tmcp.appstore.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Webhook-Signature: sha256=<hex>}, the HMAC-SHA256 under the app's webhook secret of
 * {@code <X-Webhook-Timestamp>.<body>} (decision 0042): the timestamp is signed too, so a receiver
 * that refuses old timestamps also refuses a replayed body.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    /**
     * The header's value: one {@code sha256=} signature per secret, newest first, separated by
     * {@code ", "}. Two only while a rotated secret's overlap lasts (decision 0050): a receiver
     * accepts when any of them matches its secret.
     */
    public static String header(java.util.List<String> secrets, long timestamp, byte[] body) {
        return String.join(", ", secrets.stream().map(secret -> of(secret, timestamp, body)).toList());
    }

    public static String of(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
