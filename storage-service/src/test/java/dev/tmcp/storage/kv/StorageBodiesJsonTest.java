package dev.tmcp.storage.kv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The storage answers as JSON, with the mapper settings of tmcp-defaults.yml (snake_case, nulls left out). */
class StorageBodiesJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.120Z");
    private static final Instant UPDATED = Instant.parse("2026-01-02T03:04:06.123456Z");
    private static final Entry TYPED = new Entry("prefs", "{\"a\":1}", "application/json", 7, CREATED, UPDATED);
    private static final Entry PLAIN = new Entry("note", "hi", null, 2, CREATED, CREATED);

    @Test
    void anEntryHasItsMetadataWithTheContentTypeOnlyWhenStored() {
        assertThat(JSON.writeValueAsString(TYPED.view())).isEqualTo("{\"key\":\"prefs\",\"value\":\"{\\\"a\\\":1}\","
                + "\"created_at\":\"2026-01-02T03:04:05.120Z\",\"updated_at\":\"2026-01-02T03:04:06.123456Z\","
                + "\"metadata\":{\"size_bytes\":7,\"content_type\":\"application/json\"}}");
        assertThat(JSON.writeValueAsString(PLAIN.view())).isEqualTo("{\"key\":\"note\",\"value\":\"hi\","
                + "\"created_at\":\"2026-01-02T03:04:05.120Z\",\"updated_at\":\"2026-01-02T03:04:05.120Z\","
                + "\"metadata\":{\"size_bytes\":2}}");
    }

    @Test
    void aStoredPutAnswersSuccessAfterTheKeyThenTheEntry() {
        assertThat(JSON.writeValueAsString(StorageController.PutResponse.stored(PLAIN.view())))
                .isEqualTo("{\"key\":\"note\",\"success\":true,\"value\":\"hi\","
                        + "\"created_at\":\"2026-01-02T03:04:05.120Z\",\"updated_at\":\"2026-01-02T03:04:05.120Z\","
                        + "\"metadata\":{\"size_bytes\":2}}");
    }

    @Test
    void aLostPutAnswersTheServersValue() {
        assertThat(JSON.writeValueAsString(StorageController.PutResponse.conflict("prefs", TYPED)))
                .isEqualTo("{\"key\":\"prefs\",\"success\":true,\"conflict_detected\":true,\"resolution\":\"server_wins\","
                        + "\"server_value\":\"{\\\"a\\\":1}\",\"updated_at\":\"2026-01-02T03:04:06.123456Z\"}");
    }

    @Test
    void aListLeavesOutTheCursorOnTheLastPage() {
        var key = StorageController.KeySummary.of(PLAIN);
        assertThat(JSON.writeValueAsString(new StorageController.ListResponse(List.of(key), "bm90ZQ")))
                .isEqualTo("{\"keys\":[{\"key\":\"note\",\"size_bytes\":2,\"updated_at\":\"2026-01-02T03:04:05.120Z\"}],"
                        + "\"next_cursor\":\"bm90ZQ\"}");
        assertThat(JSON.writeValueAsString(new StorageController.ListResponse(List.of(), null))).isEqualTo("{\"keys\":[]}");
    }

    @Test
    void batchesAndUsage() {
        assertThat(JSON.writeValueAsString(new StorageController.BatchGetResponse(List.of(), List.of("a"))))
                .isEqualTo("{\"items\":[],\"not_found\":[\"a\"]}");
        assertThat(JSON.writeValueAsString(new StorageController.BatchSetResponse(true, List.of(PLAIN.view()))))
                .startsWith("{\"success\":true,\"items\":[{\"key\":\"note\",");
        assertThat(JSON.writeValueAsString(new StorageController.UsageResponse(12L, 10L * 1024 * 1024, 1, 1000)))
                .isEqualTo("{\"used_bytes\":12,\"quota_bytes\":10485760,\"used_keys\":1,\"quota_keys\":1000}");
    }
}
