package dev.tmcp.bridge.messaging;

import dev.tmcp.bridge.TweenMsgType;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.RoomId;
import dev.tmcp.core.money.InvalidAmountException;
import dev.tmcp.core.money.Money;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.core.type.TypeReference;

/**
 * A {@code tween.messaging.sendCard} request: the room and the card of spec 8.1.3. The card is
 * passed on as the mini-app wrote it, except {@code price.amount}, which becomes a decimal string
 * plus {@code amount_minor} (decision 0005).
 */
record CardRequest(String roomId, Map<String, Object> card, String body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final int MAX_CARD_CHARS = 16_000;

    static CardRequest from(JsonNode request) {
        String roomId = request.path("room_id").asString(null);
        if (!RoomId.isValid(roomId)) {
            throw invalid("room_id must be a Matrix room id");
        }
        JsonNode card = request.path("card");
        if (!card.isObject() || !card.path("type").isString() || !card.path("title").isString()) {
            throw invalid("card must be an object with a type and a title");
        }
        if (card.toString().length() > MAX_CARD_CHARS) {
            throw new TmcpException(ErrorCode.PAYLOAD_TOO_LARGE, "card is larger than " + MAX_CARD_CHARS + " characters");
        }
        Map<String, Object> content = JSON.convertValue(card, MAP);
        if (card.has("price")) {
            content.put("price", price(card.path("price")));
        }
        requireNoFractions(content, "card");
        String body = request.path("body").isString() ? request.path("body").asString() : null;
        return new CardRequest(roomId, content, body);
    }

    private static Map<String, Object> price(JsonNode price) {
        if (!price.path("amount").isNumber() || !price.path("currency").isString()) {
            throw invalid("card.price needs a numeric amount and a currency");
        }
        try {
            Money money = Money.parse(price.path("amount").decimalValue(), price.path("currency").asString());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("amount", money.toDecimal().toPlainString());
            out.put("amount_minor", money.minorUnits());
            out.put("currency", money.currencyCode());
            return out;
        } catch (InvalidAmountException e) {
            throw new TmcpException(ErrorCode.INVALID_AMOUNT, e.getMessage());
        }
    }

    /** Matrix canonical JSON has integers only: the homeserver would refuse the card after we accepted it. */
    private static void requireNoFractions(Object value, String path) {
        if (value instanceof Double || value instanceof Float || value instanceof java.math.BigDecimal) {
            throw invalid(path + " must be an integer or a string: Matrix events carry no fractional numbers");
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> requireNoFractions(child, path + "." + key));
        } else if (value instanceof java.util.List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                requireNoFractions(list.get(i), path + "[" + i + "]");
            }
        }
    }

    /** The {@code m.room.message} content: {@code msgtype: m.tween.card} with a text fallback. */
    Map<String, Object> content(String miniappId) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("msgtype", TweenMsgType.CARD.wire());
        content.put("body", body != null ? body : "🃏 " + card.get("title")
                + (card.get("description") instanceof String d ? " — " + d : ""));
        content.put("miniapp_id", miniappId);
        content.put("card", card);
        return content;
    }

    private static TmcpException invalid(String message) {
        return new TmcpException(ErrorCode.INVALID_REQUEST, message);
    }
}
