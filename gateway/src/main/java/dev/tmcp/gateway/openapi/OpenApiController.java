package dev.tmcp.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI 3.1 description of every public route (decision 0030), served by the gateway itself
 * without a token. The YAML is the source; the JSON is the same document, converted once at start.
 */
@RestController
class OpenApiController {

    static final String DOCUMENT = "openapi/tmcp-public-api.yaml";
    static final String JSON_PATH = "/api/v1/openapi.json";
    static final String YAML_PATH = "/api/v1/openapi.yaml";
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private static final CacheControl CACHE = CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic();

    private final byte[] yaml;
    private final byte[] json;

    OpenApiController() throws IOException {
        try (InputStream in = new ClassPathResource(DOCUMENT).getInputStream()) {
            this.yaml = in.readAllBytes();
        }
        this.json = JsonMapper.builder().build().writeValueAsBytes(load(new String(yaml, StandardCharsets.UTF_8)));
    }

    /** The document as a tree; safe loading only (no tags, no custom types). */
    static Map<String, Object> load(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    @GetMapping(JSON_PATH)
    ResponseEntity<byte[]> json() {
        return ResponseEntity.ok().cacheControl(CACHE).contentType(MediaType.APPLICATION_JSON).body(json);
    }

    @GetMapping(YAML_PATH)
    ResponseEntity<byte[]> yaml() {
        return ResponseEntity.ok().cacheControl(CACHE).contentType(YAML).body(yaml);
    }
}
