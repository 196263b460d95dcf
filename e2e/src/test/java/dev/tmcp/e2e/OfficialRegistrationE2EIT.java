package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The platform registers its own apps (spec 9.1.1 with 4.4.9 credentials, 16.3 official) through
 * the gateway, whose developer-token check on {@code /mini-apps/v1/**} let no HTTP Basic through
 * (401) before.
 */
class OfficialRegistrationE2EIT {

    @Test
    void thePlatformRegistersAnOfficialAppThroughTheGateway() {
        Map<String, Object> request = Map.of("name", "Tween Bills", "short_name", "Bills", "category", "finance",
                "classification", "official",
                "developer", Map.of("company_name", "Tween", "email", "platform@tween.example"),
                "technical", Map.of("entry_url", "https://bills.tween.example", "redirect_uris", List.of("https://bills.tween.example/cb"),
                        "scopes_requested", List.of("user:read", "wallet:balance"), "client_type", "public"));

        Http.Response registered = Http.send("POST", Tmcp.GATEWAY + "/mini-apps/v1/register", Developers.PLATFORM,
                "application/json", Http.JSON.writeValueAsString(request));

        assertThat(registered.status()).as("%s", registered.body()).isEqualTo(201);
        assertThat(registered.text("status")).isEqualTo("pending_review");
        assertThat(registered.text("miniapp_id")).startsWith("ma_");
    }
}
