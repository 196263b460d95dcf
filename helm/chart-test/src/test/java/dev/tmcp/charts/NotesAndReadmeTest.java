package dev.tmcp.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** NOTES.txt and helm/README.md tell each Secret's keys as values.yaml secretKeys lists them. */
class NotesAndReadmeTest {

    static final List<String> SERVICES = Charts.SERVICES;
    private static final Pattern KEY = Pattern.compile("`([A-Z_][A-Z0-9_]*)`");

    @ParameterizedTest(name = "{0}")
    @FieldSource("SERVICES")
    void notesNameTheSecretAndItsKeys(String service) {
        String notes = dryRunOutput(service);
        assertThat(notes).contains("Secret tmcp-" + service);
        for (String key : Charts.secretKeys(service)) {
            assertThat(notes).contains("  - " + key);
        }
        assertThat(notes).contains("/actuator/health/readiness")
                .contains("on port " + (service.equals("gateway") ? "8090 (management)" : Charts.values(service).get("containerPort") + " (http)"));
    }

    @Test
    void umbrellaNotesNameEverySecret() {
        String notes = dryRunOutput(Charts.UMBRELLA);
        for (String service : Charts.SERVICES) {
            assertThat(notes).contains(service + ": Secret tmcp-" + service);
        }
    }

    @Test
    void readmeSecretsTableMatchesSecretKeys() throws IOException {
        Map<String, List<List<String>>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Charts.sourceCharts().resolve("README.md"))) {
            for (String service : Charts.SERVICES) {
                if (line.startsWith("| `" + service + "` | `tmcp-" + service + "`")) {
                    String[] cells = line.split("\\|", -1);
                    rows.put(service, List.of(keys(cells[3]), keys(cells[4])));
                }
            }
        }
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(Charts.SERVICES);
        rows.forEach((service, keys) -> {
            assertThat(keys.get(0)).as(service + " required keys in README").containsExactlyElementsOf(Charts.secretKeys(service));
            assertThat(keys.get(1)).as(service + " optional keys in README").containsExactlyElementsOf(Charts.optionalSecretKeys(service));
        });
    }

    private static List<String> keys(String cell) {
        List<String> keys = new ArrayList<>();
        Matcher m = KEY.matcher(cell);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static String dryRunOutput(String chart) {
        Release release = new Helm(Charts.workCharts().resolve(chart)).install()
                .withName(Charts.RELEASE).withNamespace(Charts.NAMESPACE).dryRun().clientOnly().call();
        return release.getOutput();
    }
}
