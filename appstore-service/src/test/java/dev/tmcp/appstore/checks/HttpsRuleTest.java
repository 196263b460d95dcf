package dev.tmcp.appstore.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpsRuleTest {

    @Test
    void httpsUrlsPass() {
        assertThat(AutomatedChecks.httpWarnings(List.of("https://shop.example.com", "HTTPS://cdn.example.com/i.png"), false)).isEmpty();
    }

    @Test
    void aLoopbackHttpUrlFailsOutsideTheLocalProfile() {
        assertThat(AutomatedChecks.httpWarnings(List.of("http://127.0.0.1:3000/app"), false))
                .extracting(CheckReport.Warning::type).containsExactly("HTTP_URL");
    }

    @Test
    void aLoopbackHttpUrlIsOnlyNotedInTheLocalProfile() {
        assertThat(AutomatedChecks.httpWarnings(List.of("http://localhost:3000/app"), true))
                .extracting(CheckReport.Warning::type).containsExactly("LOCAL_HTTP_URL");
        assertThat(AutomatedChecks.httpWarnings(List.of("http://shop.example.com"), true))
                .extracting(CheckReport.Warning::type).containsExactly("HTTP_URL");
    }
}
