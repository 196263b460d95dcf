package dev.tmcp.auth.session;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The {@code miniapp_context} of a session, as stored (JSON text) and as claimed (a map). */
public final class MiniAppContexts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MiniAppContexts() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String json) {
        return json == null ? Map.of() : JSON.readValue(json, Map.class);
    }

    public static String write(Map<String, Object> context) {
        return context.isEmpty() ? null : JSON.writeValueAsString(context);
    }
}
