package dev.tmcp.appstore.capability;

import java.util.List;

/**
 * The device capabilities (camera, location, biometric) a host of each platform provides to
 * mini-apps, as the suite's hosts implement the bridge of 10.1. The server cannot see the device:
 * without a known {@code platform} these answer {@code available: false, reason: platform}.
 * Payment confirmation always offers {@code pin}; mobile hosts also sign with a device key
 * unlocked by fingerprint or face (4.11.6).
 */
final class DeviceCapabilities {

    private DeviceCapabilities() {
    }

    static CapabilityAnswer.Camera camera(String platform) {
        return switch (platform == null ? "" : platform) {
            case "ios", "android" -> new CapabilityAnswer.Camera(true, true, List.of("photo", "qr_scan", "video"), null);
            case "web", "desktop" -> new CapabilityAnswer.Camera(true, true, List.of("photo", "qr_scan"), null);
            default -> new CapabilityAnswer.Camera(false, null, null, "platform");
        };
    }

    static CapabilityAnswer.Location location(String platform) {
        return switch (platform == null ? "" : platform) {
            case "ios", "android" -> new CapabilityAnswer.Location(true, true, "high", null);
            case "web" -> new CapabilityAnswer.Location(true, true, "approximate", null);
            default -> new CapabilityAnswer.Location(false, null, null, "platform");
        };
    }

    static CapabilityAnswer.Biometric biometric(String platform) {
        return switch (platform == null ? "" : platform) {
            case "ios", "android" -> new CapabilityAnswer.Biometric(true, List.of("fingerprint", "face", "pin"), null);
            case "web", "desktop" -> new CapabilityAnswer.Biometric(true, List.of("pin"), null);
            default -> new CapabilityAnswer.Biometric(false, null, "platform");
        };
    }
}
