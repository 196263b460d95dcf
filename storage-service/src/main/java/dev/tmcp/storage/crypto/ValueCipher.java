package dev.tmcp.storage.crypto;

import dev.tmcp.storage.namespace.Namespace;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM under a key derived per (mini-app, user) from a master key with HKDF-SHA256. The
 * namespace and the key name are bound in as associated data, so a ciphertext copied to another
 * row or namespace does not decrypt.
 */
@Component
public class ValueCipher {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] SALT = "tmcp-storage-v1".getBytes(StandardCharsets.UTF_8);

    private final MasterKeys masterKeys;

    public ValueCipher(MasterKeys masterKeys) {
        this.masterKeys = masterKeys;
    }

    public int currentVersion() {
        return masterKeys.currentVersion();
    }

    public byte[] encrypt(Namespace ns, String key, String value) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, namespaceKey(ns, masterKeys.currentVersion()), new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad(ns, key));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a storage value", e);
        }
    }

    public String decrypt(Namespace ns, String key, byte[] stored, int version) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, namespaceKey(ns, version), new GCMParameterSpec(128, stored, 0, 12));
            cipher.updateAAD(aad(ns, key));
            return new String(cipher.doFinal(stored, 12, stored.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a storage value (wrong master key?)", e);
        }
    }

    private SecretKeySpec namespaceKey(Namespace ns, int version) throws GeneralSecurityException {
        byte[] info = ("namespace|" + ns.clientId() + "|" + ns.userId()).getBytes(StandardCharsets.UTF_8);
        return new SecretKeySpec(hkdf(masterKeys.key(version), info), "AES");
    }

    /** HKDF-SHA256 (RFC 5869) with one output block: 32 bytes. */
    static byte[] hkdf(byte[] inputKey, byte[] info) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SALT, "HmacSHA256"));
        byte[] prk = mac.doFinal(inputKey);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return mac.doFinal();
    }

    private static byte[] aad(Namespace ns, String key) {
        return (ns.clientId() + "\0" + ns.userId() + "\0" + key).getBytes(StandardCharsets.UTF_8);
    }
}
