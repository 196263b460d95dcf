package dev.tmcp.core.event.app;

/**
 * {@code miniapp.webhook_disabled} on {@code tmcp.app}: a mini-app's webhook endpoint kept failing
 * for three days and is disabled until configured again (decision 0042); matrix-bridge tells the
 * developer who registered the app, in their notices room.
 */
public record MiniAppWebhookDisabled(String clientId, String name, String developerId, String webhookUrl,
        String lastError, String disabledAt) {

    public static final String TYPE = "miniapp.webhook_disabled";
}
