package dev.tmcp.auth.oauth;

import java.util.function.Supplier;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The form body of a request. Spring's form reader throws {@link IllegalArgumentException} on a
 * malformed percent escape ({@code grant_type=%zz}); that is the client's mistake, so it becomes
 * the caller's 400 instead of an internal error.
 */
public final class Forms {

    private Forms() {
    }

    /** The form, or {@code malformed}'s error when the body cannot be decoded. */
    public static Mono<MultiValueMap<String, String>> read(ServerWebExchange http, Supplier<RuntimeException> malformed) {
        return http.getFormData().onErrorMap(IllegalArgumentException.class, e -> malformed.get());
    }

    /** The form, or 400 {@code invalid_request} (OAuth format) when the body cannot be decoded. */
    public static Mono<MultiValueMap<String, String>> read(ServerWebExchange http) {
        return read(http, () -> OAuthException.invalidRequest("The form body is malformed"));
    }
}
