package dev.tmcp.web.request;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Sends the id of the request being served on every call a service makes to another, so one
 * {@code X-Request-Id} names the request on every hop and in every service's log.
 */
public class RequestIdForwarding implements ExchangeFilterFunction {

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        if (request.headers().containsHeader(RequestIds.HEADER)) {
            return next.exchange(request);
        }
        return Mono.deferContextual(ctx -> next.exchange(ctx.<String>getOrEmpty(RequestIdWebFilter.CONTEXT_KEY)
                .map(id -> ClientRequest.from(request).header(RequestIds.HEADER, id).build())
                .orElse(request)));
    }
}
