package dev.tmcp.web.input;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The same rule as {@link CleanTextModule} for the decoded path segments and query parameters,
 * which reach path variables, request params and from there SQL parameters ({@code %00} would
 * otherwise end as a database error).
 */
public class CleanRequestWebFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        for (PathContainer.Element element : request.getPath().pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment && ControlCharacters.forbidden(segment.valueToMatch())) {
                return Mono.error(invalid("The path"));
            }
        }
        for (Map.Entry<String, List<String>> param : request.getQueryParams().entrySet()) {
            if (ControlCharacters.forbidden(param.getKey())
                    || param.getValue().stream().anyMatch(v -> v != null && ControlCharacters.forbidden(v))) {
                return Mono.error(invalid("Query parameters"));
            }
        }
        return chain.filter(exchange);
    }

    private static TmcpException invalid(String what) {
        return new TmcpException(ErrorCode.INVALID_REQUEST, what + " must not contain control characters");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
