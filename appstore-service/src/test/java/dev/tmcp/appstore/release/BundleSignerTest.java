package dev.tmcp.appstore.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bundle signatures verified by code the suite does not use: Node's crypto (OpenSSL), through the
 * reference verifier that client developers are given (docs/examples/verify-bundle-signature.mjs).
 */
class BundleSignerTest {

    private static final Path VERIFIER = Path.of("..", "docs", "examples", "verify-bundle-signature.mjs");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BundleSigner signer = new BundleSigner(newKey());
    private final BundleManifest manifest = new BundleManifest("ma_shop", "1.1.0", "sha256:" + "ab".repeat(32), 3_355_443);

    @Test
    void aSignatureVerifiesWithAnIndependentLibraryAgainstThePublishedKeySet() throws Exception {
        Node result = node(JSON.writeValueAsString(signer.jwks()), signer.sign(manifest));

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("{\"hash\":\"sha256:" + "ab".repeat(32)
                + "\",\"miniapp_id\":\"ma_shop\",\"size_bytes\":3355443,\"version\":\"1.1.0\"}");
    }

    @Test
    void aChangedManifestDoesNotVerify() throws Exception {
        String[] jws = signer.sign(manifest).split("\\.");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new BundleManifest("ma_shop", "1.1.0", "sha256:" + "cd".repeat(32), 3_355_443).canonicalJson()
                        .getBytes(StandardCharsets.UTF_8));

        Node result = node(JSON.writeValueAsString(signer.jwks()), jws[0] + "." + forged + "." + jws[2]);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("invalid signature");
    }

    @Test
    void anotherKeysSetDoesNotVerify() throws Exception {
        BundleSigner other = new BundleSigner(newKey());

        Node result = node(JSON.writeValueAsString(other.jwks()), signer.sign(manifest));

        assertThat(result.exit()).isEqualTo(1);
    }

    @Test
    void theKeyIdIsStableForOneKey() {
        byte[] key = newKey();
        assertThat(new BundleSigner(key).keyId()).isEqualTo(new BundleSigner(key).keyId()).hasSize(43);
    }

    @Test
    void refusesAKeyThatIsNotEd25519() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        byte[] pkcs8 = rsa.generateKeyPair().getPrivate().getEncoded();
        assertThatThrownBy(() -> new BundleSigner(pkcs8)).isInstanceOf(IllegalArgumentException.class);
    }

    private record Node(int exit, String out, String err) {
    }

    private static Node node(String jwks, String jws) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("node", VERIFIER.toString(), jwks, jws)).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("node did not finish");
        }
        return new Node(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static byte[] newKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
