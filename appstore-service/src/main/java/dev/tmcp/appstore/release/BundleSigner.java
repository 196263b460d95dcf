package dev.tmcp.appstore.release;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's bundle signing key (spec 16.8.1: "signature is from trusted Tween signing key").
 * A signature is a JWS in compact form, {@code alg} EdDSA (Ed25519, RFC 8037), whose payload is the
 * {@link BundleManifest}; the public key is published as a JWK Set, {@code kid} its RFC 7638
 * thumbprint. Any JOSE library verifies it.
 */
public final class BundleSigner {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    private final String x;
    private final String keyId;

    /** @param pkcs8 the private key, PKCS#8 DER ({@code openssl genpkey -algorithm ed25519 -outform DER}) */
    public BundleSigner(byte[] pkcs8) {
        try {
            this.privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
                    .orElseThrow(() -> new IllegalArgumentException("the signing key hides its bytes"));
            byte[] encoded = publicKeyOf(seed).getPublic().getEncoded();
            // X.509 SubjectPublicKeyInfo of Ed25519: a 12-byte header, then the 32-byte key (RFC 8410).
            this.x = B64URL.encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("TMCP_BUNDLE_SIGNING_KEY is not an Ed25519 private key in PKCS#8", e);
        }
        this.keyId = B64URL.encodeToString(sha256(("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}")
                .getBytes(StandardCharsets.UTF_8)));
    }

    public String keyId() {
        return keyId;
    }

    /** The JWS (compact serialization) over the manifest. */
    public String sign(BundleManifest manifest) {
        return sign(BundleManifest.MEDIA_TYPE, manifest.canonicalJson());
    }

    /**
     * A JWS over {@code payloadJson} with the given {@code typ}: the platform signs several kinds of
     * statement with its one key, and the {@code typ} keeps one kind from passing for another.
     */
    public String sign(String typ, String payloadJson) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "EdDSA");
        header.put("kid", keyId);
        header.put("typ", typ);
        String signingInput = B64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + B64URL.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The public key as a JWK Set (RFC 7517). */
    public SigningKeys jwks() {
        return new SigningKeys(List.of(SigningKeys.Key.ed25519(x, keyId)));
    }

    /**
     * The JCA has no call that derives an Ed25519 public key from its private key, but its key pair
     * generator draws exactly the 32-byte seed from the SecureRandom it is given (RFC 8032 5.1.5).
     */
    private static KeyPair publicKeyOf(byte[] seed) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                if (bytes.length != seed.length) {
                    throw new IllegalStateException("expected a request for the 32-byte seed");
                }
                System.arraycopy(seed, 0, bytes, 0, seed.length);
            }
        });
        return generator.generateKeyPair();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
