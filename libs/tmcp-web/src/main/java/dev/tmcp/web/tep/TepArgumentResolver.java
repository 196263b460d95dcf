package dev.tmcp.web.tep;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets a handler declare a {@link TepPrincipal}, {@link DeveloperPrincipal} or {@link ServiceCaller} parameter: the request's
 * bearer token is verified before the handler runs, and a missing or bad token is a 401.
 */
public class TepArgumentResolver implements HandlerMethodArgumentResolver {

    private final TepVerifier verifier;

    public TepArgumentResolver(TepVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == TepPrincipal.class || type == ServiceCaller.class || type == DeveloperPrincipal.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        Class<?> type = parameter.getParameterType();
        return Mono.defer(() -> type == TepPrincipal.class
                ? verifier.verifyTep(authorization).cast(Object.class)
                : type == DeveloperPrincipal.class
                        ? verifier.verifyDeveloper(authorization).cast(Object.class)
                        : verifier.verifyService(authorization).cast(Object.class));
    }
}
