package dev.tmcp.payment.it;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The payer's proofs as wallet-adapter checks them: every user's PIN is {@link #PIN}; a device
 * signature must cover the caller's message with the key registered by {@link #device}; a payment's
 * MFA challenge (one per user and reference, answered with the PIN) locks after three wrong answers
 * and asking for it again does not reset it. Per-user lockouts across proofs are not modelled.
 */
final class StubProofs {

    static final String PIN = "482913";
    private static final int MAX_ATTEMPTS = 3;

    private final Map<String, StubWalletAndBridge.Device> devices = new HashMap<>();
    private final Map<String, Challenge> challenges = new HashMap<>();
    private final Map<String, Challenge> challengesByReference = new HashMap<>();

    private static final class Challenge {
        final String challengeId = "mfa_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        final String userId;
        final String reference;
        final String expiresAt = Instant.now().plusSeconds(300).toString();
        String status = "pending";
        int attempts;

        Challenge(String userId, String reference) {
            this.userId = userId;
            this.reference = reference;
        }
    }

    static String hashedPin(String pin) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pin.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new device key pair registered as {@code userId}'s payment device. */
    synchronized StubWalletAndBridge.Device device(String userId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            var device = new StubWalletAndBridge.Device("device_" + UUID.randomUUID().toString().substring(0, 8),
                    generator.generateKeyPair());
            devices.put(userId, device);
            return device;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST /internal/v1/auth/verify}, and the proof of a direct transfer: {@code {method, proof, message}}. */
    synchronized Map<String, Object> verify(String payer, JsonNode proof) {
        String method = proof.path("method").asString("");
        JsonNode given = proof.path("proof");
        switch (method) {
            case "pin" -> {
                if (!hashedPin(PIN).equals(given.path("hashed_pin").asString(""))) {
                    throw new TmcpException(ErrorCode.INVALID_PIN, "PIN is not correct");
                }
            }
            case "biometric" -> verifySignature(payer, given, proof.path("message").asString(""));
            default -> throw new TmcpException(ErrorCode.INVALID_REQUEST, "Authorization method " + method + " is not available");
        }
        return Map.of("verified", true, "method", method);
    }

    /** {@code POST /internal/v1/mfa/challenges}: the live challenge of this reference, or a new one. */
    synchronized Map<String, Object> challenge(String payer, JsonNode body) {
        Challenge challenge = challengesByReference.computeIfAbsent(payer + "\n" + body.path("reference").asString(), key -> {
            Challenge fresh = new Challenge(payer, body.path("reference").asString());
            challenges.put(fresh.challengeId, fresh);
            return fresh;
        });
        if (challenge.status.equals("locked")) {
            throw locked();
        }
        return view(challenge);
    }

    /** {@code POST /internal/v1/mfa/challenges/{id}/verify}: every answer counts, the third wrong one locks. */
    synchronized Map<String, Object> answer(String payer, String challengeId, JsonNode body) {
        Challenge challenge = challenges.get(challengeId);
        if (challenge == null || !challenge.userId.equals(payer)) {
            throw new TmcpException(ErrorCode.NOT_FOUND, "No such challenge, or it expired");
        }
        if (!challenge.status.equals("pending")) {
            if (challenge.status.equals("locked")) {
                throw locked();
            }
            return view(challenge);
        }
        if (!body.path("method").asString("").equals("pin")) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "Method " + body.path("method").asString() + " is not offered");
        }
        challenge.attempts++;
        boolean right = hashedPin(PIN).equals(body.path("credentials").path("hashed_pin").asString(""));
        if (challenge.attempts > MAX_ATTEMPTS || !right && challenge.attempts == MAX_ATTEMPTS) {
            challenge.status = "locked";
            throw locked();
        }
        if (!right) {
            throw new TmcpException(ErrorCode.INVALID_MFA_CREDENTIALS, "The answer is not correct");
        }
        challenge.status = "verified";
        return view(challenge);
    }

    private void verifySignature(String payer, JsonNode proof, String message) {
        StubWalletAndBridge.Device device = devices.get(payer);
        if (device == null || !device.id().equals(proof.path("device_id").asString(""))) {
            throw new TmcpException(ErrorCode.DEVICE_NOT_REGISTERED, "This device is not registered for payments");
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(device.keys().getPublic());
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            valid = message.endsWith(":" + proof.path("timestamp").asString())
                    && verifier.verify(Base64.getDecoder().decode(proof.path("signature").asString("")));
        } catch (Exception e) {
            valid = false;
        }
        if (!valid) {
            throw new TmcpException(ErrorCode.INVALID_SIGNATURE, "Signature verification failed");
        }
    }

    private static Map<String, Object> view(Challenge challenge) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("challenge_id", challenge.challengeId);
        view.put("reference", challenge.reference);
        view.put("methods", List.of("pin"));
        view.put("status", challenge.status);
        view.put("verified", challenge.status.equals("verified"));
        view.put("expires_at", challenge.expiresAt);
        return view;
    }

    private static TmcpException locked() {
        return new TmcpException(ErrorCode.MFA_LOCKED, "Too many wrong answers: this challenge is locked");
    }
}
