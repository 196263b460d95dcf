package dev.tmcp.appstore.release;

import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the platform signs for one version's bundle (decision 0048): the app, the version, the
 * bundle's SHA-256 and its size. A client checks the downloaded bytes against {@code hash} and
 * {@code size_bytes} after verifying the signature.
 *
 * @param hash {@code sha256:} and the lowercase hex digest, as in {@code download.hash} (16.8.1)
 */
public record BundleManifest(String miniappId, String version, String hash, long sizeBytes) {

    /** The JWS {@code typ} of a bundle signature. */
    public static final String MEDIA_TYPE = "tmcp-bundle+jws";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The manifest as JSON with its members in code-point order and no whitespace. */
    String canonicalJson() {
        TreeMap<String, Object> members = new TreeMap<>();
        members.put("hash", hash);
        members.put("miniapp_id", miniappId);
        members.put("size_bytes", sizeBytes);
        members.put("version", version);
        return JSON.writeValueAsString(members);
    }
}
