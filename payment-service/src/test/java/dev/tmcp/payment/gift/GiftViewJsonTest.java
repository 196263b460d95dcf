package dev.tmcp.payment.gift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.tmcp.core.money.Money;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The gift answers as JSON, with the mapper settings of tmcp-defaults.yml (snake_case, nulls left out). */
class GiftViewJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant OPENED = Instant.parse("2026-01-01T00:05:00.500Z");
    private static final Gift GROUP = new Gift("gift_1", "key", "hash", "@alice:test", Gift.GROUP, null, "!room:test",
            Money.ofMinor(1000, "USD"), 3, 2, Gift.RANDOM, List.of(200L, 300L, 500L), "enjoy", GiftStatus.PARTIALLY_OPENED,
            "hold_1", "evt_g", CREATED.plusSeconds(86400), null, null, CREATED);
    private static final GiftOpening BOB = new GiftOpening("gift_1", "@bob:test", 1, Money.ofMinor(200, "USD"),
            GiftOpeningStatus.PAID, OPENED, "txn_1", "evt_o");

    @Test
    void aGroupGiftShowsItsDistributionRoomAndOpenings() {
        assertThat(JSON.writeValueAsString(GiftView.of(GROUP, List.of(BOB))))
                .isEqualTo("{\"gift_id\":\"gift_1\",\"status\":\"partially_opened\",\"type\":\"group\","
                        + "\"total_amount\":10.00,\"currency\":\"USD\",\"count\":3,\"remaining\":2,"
                        + "\"distribution\":\"random\",\"sender\":{\"user_id\":\"@alice:test\"},\"room_id\":\"!room:test\","
                        + "\"message\":\"enjoy\",\"opened_by\":[{\"user_id\":\"@bob:test\",\"amount\":2.00,"
                        + "\"opened_at\":\"2026-01-01T00:05:00.500Z\",\"rank\":1}],\"created_at\":\"2026-01-01T00:00:00Z\","
                        + "\"expires_at\":\"2026-01-02T00:00:00Z\",\"event_id\":\"evt_g\"}");
    }

    @Test
    void anIndividualGiftNamesItsRecipientAndNoDistribution() {
        Gift individual = new Gift("gift_2", "key", "hash", "@alice:test", Gift.INDIVIDUAL, "@bob:test", null,
                Money.ofMinor(500, "USD"), 1, 1, Gift.EQUAL, List.of(500L), null, GiftStatus.CREATED, null, null,
                CREATED.plusSeconds(3600), null, null, CREATED);
        assertThat(JSON.writeValueAsString(GiftView.of(individual, List.of())))
                .isEqualTo("{\"gift_id\":\"gift_2\",\"status\":\"created\",\"type\":\"individual\","
                        + "\"total_amount\":5.00,\"currency\":\"USD\",\"count\":1,\"remaining\":1,"
                        + "\"sender\":{\"user_id\":\"@alice:test\"},\"recipient\":\"@bob:test\",\"opened_by\":[],"
                        + "\"created_at\":\"2026-01-01T00:00:00Z\",\"expires_at\":\"2026-01-01T01:00:00Z\"}");
    }

    @Test
    void anOpeningAnswersTheShareAndTheStats() {
        assertThat(JSON.writeValueAsString(GiftView.Opened.of(GROUP, BOB)))
                .isEqualTo("{\"gift_id\":\"gift_1\",\"amount_received\":2.00,\"currency\":\"USD\",\"message\":\"enjoy\","
                        + "\"sender\":{\"user_id\":\"@alice:test\"},\"opened_at\":\"2026-01-01T00:05:00.500Z\","
                        + "\"stats\":{\"total_opened\":1,\"total_remaining\":2,\"your_rank\":1},\"event_id\":\"evt_o\"}");
    }
}
