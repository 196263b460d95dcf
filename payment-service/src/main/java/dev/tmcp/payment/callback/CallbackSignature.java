package dev.tmcp.payment.callback;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Spec 4.11.7 step 2: the callback's HMAC-SHA256 over the exact request body with the wallet
 * provider's webhook secret, sent as {@code Authorization: HMAC-SHA256 <hex or base64>} (decision
 * 0018), compared in constant time. Anything else is 401.
 */
@Component
class CallbackSignature {

    private static final String SCHEME = "HMAC-SHA256 ";

    private final SecretKeySpec key;

    CallbackSignature(@Value("${tmcp.payment.wallet-callback-secret:}") String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("TMCP_WALLET_CALLBACK_SECRET must be set (at least 16 characters)");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    void verify(String authorization, byte[] body) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw invalid("Missing HMAC-SHA256 signature in the Authorization header");
        }
        byte[] presented = decode(authorization.substring(SCHEME.length()).trim());
        if (!MessageDigest.isEqual(presented, sign(body))) {
            throw invalid("Callback signature does not match");
        }
    }

    byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String value) {
        try {
            return value.length() == 64 ? HexFormat.of().parseHex(value) : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw invalid("Callback signature is neither hex nor base64");
        }
    }

    private static TmcpException invalid(String message) {
        return new TmcpException(ErrorCode.INVALID_SIGNATURE, message);
    }
}
