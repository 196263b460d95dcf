package dev.tmcp.web.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

class RequestIdForwardingTest {

    private final AtomicReference<ClientRequest> sent = new AtomicReference<>();
    private final ExchangeFunction server = request -> {
        sent.set(request);
        return Mono.just(ClientResponse.create(HttpStatus.OK).build());
    };
    private final ClientRequest call = ClientRequest.create(HttpMethod.GET, URI.create("http://wallet-adapter/x")).build();

    @Test
    void aCallMadeWhileServingARequestCarriesThatRequestsId() {
        new RequestIdForwarding().filter(call, server)
                .contextWrite(ctx -> ctx.put(RequestIdWebFilter.CONTEXT_KEY, "req_abc"))
                .block();

        assertThat(sent.get().headers().getFirst(RequestIds.HEADER)).isEqualTo("req_abc");
    }

    @Test
    void aCallOutsideAnyRequestCarriesNoId() {
        new RequestIdForwarding().filter(call, server).block();

        assertThat(sent.get().headers().containsHeader(RequestIds.HEADER)).isFalse();
    }
}
