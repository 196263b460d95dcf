package dev.tmcp.appstore.release;

import java.util.List;

/** The bundle signing public keys as a JWK Set (RFC 7517), for hosts checking a bundle's signature. */
public record SigningKeys(List<Key> keys) {

    /** One Ed25519 public key (RFC 8037): {@code x} is its 32 bytes in base64url. */
    public record Key(String kty, String crv, String x, String kid, String alg, String use) {

        static Key ed25519(String x, String kid) {
            return new Key("OKP", "Ed25519", x, kid, "EdDSA", "sig");
        }
    }
}
