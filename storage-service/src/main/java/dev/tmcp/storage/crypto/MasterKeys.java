package dev.tmcp.storage.crypto;

import dev.tmcp.storage.StorageProperties;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The configured master keys by version; the first one listed encrypts new values. */
@Component
public class MasterKeys {

    private final Map<Integer, byte[]> keys = new LinkedHashMap<>();
    private final int current;

    public MasterKeys(StorageProperties properties) {
        String config = properties.masterKeys();
        if (config == null || config.isBlank()) {
            throw new IllegalStateException("TMCP_STORAGE_MASTER_KEYS must be set (v1:<base64 of 32 bytes>)");
        }
        Integer first = null;
        for (String entry : config.split(",")) {
            String[] parts = entry.trim().split(":", 2);
            if (parts.length != 2 || !parts[0].matches("v[1-9][0-9]*")) {
                throw new IllegalStateException("TMCP_STORAGE_MASTER_KEYS entries look like v2:<base64>");
            }
            byte[] key = Base64.getDecoder().decode(parts[1].trim());
            if (key.length != 32) {
                throw new IllegalStateException("storage master key " + parts[0] + " must be 32 bytes");
            }
            int version = Integer.parseInt(parts[0].substring(1));
            keys.put(version, key);
            if (first == null) {
                first = version;
            }
        }
        this.current = first;
    }

    public int currentVersion() {
        return current;
    }

    byte[] key(int version) {
        byte[] key = keys.get(version);
        if (key == null) {
            throw new IllegalStateException("storage master key v" + version + " is no longer configured");
        }
        return key;
    }
}
