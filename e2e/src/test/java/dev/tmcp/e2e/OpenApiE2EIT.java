package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway serves its OpenAPI document to anyone, and it is the document of this checkout (decision 0030). */
class OpenApiE2EIT {

    @Test
    void theGatewayServesTheDocumentWithoutAToken() {
        Http.Response r = Http.get(Tmcp.GATEWAY + "/api/v1/openapi.json", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("openapi")).isEqualTo("3.1.0");
        @SuppressWarnings("unchecked")
        Map<String, Object> paths = (Map<String, Object>) FuzzDocument.yaml(FuzzDocument.DOCUMENT).get("paths");
        assertThat(r.body().path("paths").propertyNames()).containsExactlyInAnyOrderElementsOf(paths.keySet());
    }
}
