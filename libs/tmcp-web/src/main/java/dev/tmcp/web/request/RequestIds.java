package dev.tmcp.web.request;

import dev.tmcp.core.id.Ids;
import java.util.regex.Pattern;
import org.springframework.web.server.ServerWebExchange;

/** The request id of an exchange: taken from {@code X-Request-Id} when well formed, else made. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = "tmcp.request_id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");

    private RequestIds() {
    }

    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = fromHeaderOrNew(exchange.getRequest().getHeaders().getFirst(HEADER));
            exchange.getAttributes().put(ATTRIBUTE, id);
        }
        return id;
    }

    public static String fromHeaderOrNew(String header) {
        return wellFormed(header) ? header : Ids.next("req_");
    }

    public static boolean wellFormed(String id) {
        return id != null && SAFE.matcher(id).matches();
    }
}
