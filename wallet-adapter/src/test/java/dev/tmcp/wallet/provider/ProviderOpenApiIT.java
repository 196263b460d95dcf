package dev.tmcp.wallet.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/** The published contract and the endpoints the ledger serves under /provider/v1 are the same set. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.tep.jwks-uri=http://127.0.0.1:1/unused", "tmcp.wallet.sandbox-enabled=true",
        "tmcp.wallet.payment-service-secret=contract-secret-0123456789",
        "tmcp.wallet.provider-api.enabled=true", "tmcp.wallet.provider-api.key=provider-key-0123456789"})
class ProviderOpenApiIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyDocumentedOperationIsServedAndEveryServedOneDocumented() throws IOException {
        Map<String, Map<String, Object>> paths = new Yaml().<Map<String, Map<String, Map<String, Object>>>>load(
                Files.readString(Path.of("../docs/wallet-provider-openapi.yaml"))).get("paths") instanceof Map<?, ?> p
                ? cast(p) : Map.of();
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream().filter(m -> !m.equals("parameters"))
                .forEach(method -> documented.add(method.toUpperCase() + " " + normalize(path))));

        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> info.getPatternsCondition().getPatterns().stream()
                .map(Object::toString).filter(path -> path.startsWith("/provider/v1/"))
                .forEach(path -> info.getMethodsCondition().getMethods()
                        .forEach(method -> served.add(method.name() + " " + normalize(path)))));

        assertThat(served).hasSizeGreaterThan(20).isEqualTo(documented);
    }

    private static String normalize(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> cast(Map<?, ?> paths) {
        return (Map<String, Map<String, Object>>) paths;
    }
}
