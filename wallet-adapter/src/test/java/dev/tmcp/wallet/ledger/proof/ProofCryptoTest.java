package dev.tmcp.wallet.ledger.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.core.error.TmcpException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The cryptography behind payment proofs: device signatures (ES256, RS256) and TOTP (RFC 6238). */
class ProofCryptoTest {

    private static final String MESSAGE = "p2p_01:50.00:USD:2026-11-22T10:00:00Z";

    @Test
    void es256SignaturesVerifyInDerAndRawFormAndNothingElseDoes() throws Exception {
        KeyPair pair = generate("EC", 256);
        PublicKey key = DeviceKeys.parse(base64(pair.getPublic().getEncoded()));

        assertThat(DeviceKeys.verify(key, MESSAGE, sign("SHA256withECDSA", pair, MESSAGE))).isTrue();
        assertThat(DeviceKeys.verify(key, MESSAGE, sign("SHA256withECDSAinP1363Format", pair, MESSAGE))).isTrue();
        assertThat(DeviceKeys.verify(key, MESSAGE.replace("50.00", "500.00"), sign("SHA256withECDSA", pair, MESSAGE))).isFalse();
        assertThat(DeviceKeys.verify(key, MESSAGE, sign("SHA256withECDSA", generate("EC", 256), MESSAGE))).isFalse();
        assertThat(DeviceKeys.verify(key, MESSAGE, "not base64!")).isFalse();
    }

    @Test
    void rs256SignaturesVerify() throws Exception {
        KeyPair pair = generate("RSA", 2048);
        PublicKey key = DeviceKeys.parse(base64(pair.getPublic().getEncoded()));

        assertThat(DeviceKeys.verify(key, MESSAGE, sign("SHA256withRSA", pair, MESSAGE))).isTrue();
        assertThat(DeviceKeys.verify(key, MESSAGE + "x", sign("SHA256withRSA", pair, MESSAGE))).isFalse();
    }

    @Test
    void weakOrMalformedKeysAreRefusedAtRegistration() throws Exception {
        String weakRsa = base64(generate("RSA", 1024).getPublic().getEncoded());
        assertThatThrownBy(() -> DeviceKeys.parse(weakRsa)).isInstanceOf(TmcpException.class);
        assertThatThrownBy(() -> DeviceKeys.parse("AAAA")).isInstanceOf(TmcpException.class);
        assertThatThrownBy(() -> DeviceKeys.parse("%%%")).isInstanceOf(TmcpException.class);
    }

    @Test
    void totpMatchesTheRfc6238VectorsAndToleratesOneStepOfDrift() {
        String secret = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        // RFC 6238 appendix B, SHA-1, truncated to 6 digits.
        assertThat(Totp.code(Totp.unbase32(secret), Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(Totp.code(Totp.unbase32(secret), Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");

        Instant now = Instant.ofEpochSecond(1111111109);
        assertThat(Totp.matchingStep(secret, "081804", now)).isEqualTo(Totp.step(now));
        assertThat(Totp.matchingStep(secret, "081804", now.plusSeconds(30))).isEqualTo(Totp.step(now));
        assertThat(Totp.matchingStep(secret, "081804", now.plusSeconds(90))).isEqualTo(-1);
        assertThat(Totp.matchingStep(secret, "12345", now)).isEqualTo(-1);
    }

    @Test
    void signedTimestampsMustBeWithinFiveMinutes() {
        assertThat(AuthProofs.fresh(Instant.now().minusSeconds(240).toString())).isTrue();
        assertThat(AuthProofs.fresh(Instant.now().minusSeconds(360).toString())).isFalse();
        assertThat(AuthProofs.fresh(Instant.now().plusSeconds(360).toString())).isFalse();
        assertThat(AuthProofs.fresh("yesterday")).isFalse();
    }

    private static KeyPair generate(String algorithm, int size) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(size);
        return generator.generateKeyPair();
    }

    private static String sign(String algorithm, KeyPair pair, String message) throws Exception {
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(pair.getPrivate());
        signer.update(message.getBytes(StandardCharsets.UTF_8));
        return base64(signer.sign());
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
