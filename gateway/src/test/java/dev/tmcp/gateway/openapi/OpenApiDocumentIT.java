package dev.tmcp.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.gateway.GatewayApplication;
import dev.tmcp.test.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real gateway serves its OpenAPI document to anyone, as JSON and as YAML, with the edge headers. */
class OpenApiDocumentIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext gateway;

    @BeforeAll
    static void start() {
        gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0", "--management.server.port=0",
                "--spring.data.redis.url=" + TestInfrastructure.redisUrl(),
                "--tmcp.tep.jwks-uri=http://127.0.0.1:1/unused", "--tmcp.tep.issuer=https://tmcp.test");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theJsonDocumentIsServedWithoutAToken() throws Exception {
        HttpResponse<String> r = get(OpenApiController.JSON_PATH);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        JsonNode document = JsonMapper.builder().build().readTree(r.body());
        assertThat(document.path("openapi").asString()).isEqualTo("3.1.0");
        assertThat(document.path("paths").size()).isEqualTo(yamlPaths().size());
        assertThat(document.path("components").path("schemas").has("Error")).isTrue();
    }

    @Test
    void theYamlDocumentIsTheSameDocument() throws Exception {
        HttpResponse<String> r = get(OpenApiController.YAML_PATH);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(OpenApiController.load(r.body()).get("paths")).isEqualTo(yamlPaths());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yamlPaths() throws Exception {
        try (var in = new org.springframework.core.io.ClassPathResource(OpenApiController.DOCUMENT).getInputStream()) {
            return (Map<String, Object>) OpenApiController.load(new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8)).get("paths");
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.getEnvironment().getProperty("local.server.port") + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
