package dev.tmcp.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** values.schema.json: helm refuses misspelled keys and wrong types before rendering anything. */
class ValuesSchemaTest {

    static final java.util.List<String> SERVICES = Charts.SERVICES;

    @Test
    void theSevenServiceChartsShareOneSchema() throws IOException {
        String gateway = Files.readString(Charts.sourceCharts().resolve("gateway/values.schema.json"));
        for (String service : Charts.SERVICES) {
            Path schema = Charts.sourceCharts().resolve(service).resolve("values.schema.json");
            assertThat(Files.readString(schema)).as(schema + " equals gateway's").isEqualTo(gateway);
        }
        Map<String, Object> schema = Yaml.readMap(gateway);
        assertThat(schema).containsEntry("$schema", "http://json-schema.org/draft-07/schema#")
                .containsEntry("additionalProperties", false);
        Map<String, Object> umbrella = Yaml.readMap(Charts.sourceCharts().resolve("tmcp-suite/values.schema.json"));
        assertThat(umbrella).containsEntry("$schema", "http://json-schema.org/draft-07/schema#")
                .containsEntry("additionalProperties", false);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SERVICES")
    void rejectsAnUnknownTopLevelKeyAndAWrongType(String service) {
        assertThatThrownBy(() -> Charts.render(service, "replicaCont: 2\n"))
                .hasMessageContaining("don't meet the specifications of the schema")
                .hasMessageContaining("replicaCont");
        assertThatThrownBy(() -> Charts.render(service, "replicaCount: two\n"))
                .hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> Charts.render(service, "env: {redis_url: x}\n"))
                .hasMessageContaining("redis_url");
        assertThatThrownBy(() -> Charts.render(service, "networkPolicy: {enabled: true, allowFromAnywher: true}\n"))
                .hasMessageContaining("allowFromAnywher");
    }

    @Test
    void theUmbrellaRejectsAnUnknownServiceAndChecksEachServiceWithItsSchema() {
        assertThatThrownBy(() -> Charts.render(Charts.UMBRELLA, "gatway: {enabled: true}\n"))
                .hasMessageContaining("gatway");
        assertThatThrownBy(() -> Charts.render(Charts.UMBRELLA, "payment-service: {replicas: 2}\n"))
                .hasMessageContaining("payment-service")
                .hasMessageContaining("replicas");
    }
}
