package dev.tmcp.wallet.ledger.proof;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Device public keys registered at activation (base64 X.509 SubjectPublicKeyInfo): EC P-256 for
 * ES256 or RSA of at least 2048 bits for RS256, the algorithms of spec 7.3.2. ES256 signatures are
 * accepted DER-encoded (what Android Keystore and Java produce) or as the raw 64-byte r||s of JWS
 * and WebAuthn.
 */
public final class DeviceKeys {

    private DeviceKeys() {
    }

    /** Parses and checks a key offered at activation; 400 when it is not one we can verify with. */
    public static PublicKey parse(String base64) {
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            for (String algorithm : new String[] {"EC", "RSA"}) {
                try {
                    PublicKey key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                    if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256) {
                        return key;
                    }
                    if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048) {
                        return key;
                    }
                } catch (java.security.spec.InvalidKeySpecException wrongAlgorithm) {
                    // try the next algorithm
                }
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // reported below
        }
        throw new TmcpException(ErrorCode.INVALID_REQUEST,
                "biometric_data.public_key must be a base64 X.509 EC P-256 or RSA (2048+) public key");
    }

    static boolean verify(PublicKey key, String message, String base64Signature) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(base64Signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String algorithm = key instanceof RSAPublicKey ? "SHA256withRSA"
                : signature.length == 64 ? "SHA256withECDSAinP1363Format" : "SHA256withECDSA";
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (GeneralSecurityException malformed) {
            return false;
        }
    }
}
