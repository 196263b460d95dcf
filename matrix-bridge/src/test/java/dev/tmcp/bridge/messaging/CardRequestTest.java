package dev.tmcp.bridge.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CardRequestTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static CardRequest parse(String json) {
        return CardRequest.from(JSON.readTree(json));
    }

    @Test
    void thePriceBecomesADecimalStringWithMinorUnits() {
        CardRequest request = parse("""
                {"room_id": "!r:tween.example", "card": {"type": "product", "title": "Mug",
                 "price": {"amount": 7500.00, "currency": "USD"}, "actions": [{"type": "button", "label": "Buy"}]}}""");
        Map<String, Object> content = request.content("ma_shop_001");

        assertThat(content).containsEntry("msgtype", "m.tween.card").containsEntry("miniapp_id", "ma_shop_001")
                .containsEntry("body", "🃏 Mug");
        @SuppressWarnings("unchecked")
        Map<String, Object> card = (Map<String, Object>) content.get("card");
        assertThat(card.get("price")).isEqualTo(Map.of("amount", "7500.00", "amount_minor", 750000L, "currency", "USD"));
    }

    @Test
    void badInputIsAClientError() {
        assertThat(assertThrows(TmcpException.class, () -> parse("{\"room_id\": \"r\", \"card\": {}}")).code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(assertThrows(TmcpException.class, () -> parse("{\"room_id\": \"!r:t\", \"card\": {\"type\": \"x\"}}")).code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(assertThrows(TmcpException.class, () -> parse("""
                {"room_id": "!r:t", "card": {"type": "x", "title": "y", "price": {"amount": 1.234, "currency": "USD"}}}""")).code())
                .isEqualTo(ErrorCode.INVALID_AMOUNT);
        assertThat(assertThrows(TmcpException.class, () -> parse("""
                {"room_id": "!r:t", "card": {"type": "x", "title": "y", "rating": 4.5}}""")).getMessage())
                .contains("card.rating");
    }
}
