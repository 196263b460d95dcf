package dev.tmcp.auth.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The revocation answer (spec 5.6) as JSON, with the mapper settings of tmcp-defaults.yml. */
class RevokedJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    @Test
    void aRevocationAnswersTheSessionsAndScopesItEnded() {
        var outcome = new Revocations.Outcome(2, List.of("wallet:pay"), 1768557600L);
        assertThat(JSON.writeValueAsString(RevocationController.Revoked.of("ma_shop", outcome)))
                .isEqualTo("{\"revoked\":true,\"client_id\":\"ma_shop\",\"sessions_revoked\":2,"
                        + "\"revoked_scopes\":[\"wallet:pay\"],\"revoked_at\":1768557600}");
    }
}
