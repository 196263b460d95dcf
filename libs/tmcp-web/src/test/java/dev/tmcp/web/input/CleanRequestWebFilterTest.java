package dev.tmcp.web.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Path segments and query parameters: {@code %00} and other control characters are a 400, not a database error. */
class CleanRequestWebFilterTest {

    private final CleanRequestWebFilter filter = new CleanRequestWebFilter();

    @Test
    void aNulInAPathSegmentIsAnInvalidRequest() {
        refused("http://localhost/wallet/v1/gift/gift_%00x");
    }

    @Test
    void aControlCharacterInAQueryParameterIsAnInvalidRequest() {
        refused("http://localhost/internal/v1/auth-policy?amount=1&currency=US%01");
        refused("http://localhost/x?na%00me=1");
    }

    @Test
    void ordinaryRequestsPass() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET,
                URI.create("http://localhost/wallet/v1/resolve/%40bob%3Alocalhost?room_id=%21r%3Alocalhost&q=a%20b")).build());
        StepVerifier.create(filter.filter(exchange, e -> Mono.empty())).verifyComplete();
    }

    private void refused(String url) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create(url)).build());
        StepVerifier.create(filter.filter(exchange, e -> Mono.error(new AssertionError("must not reach the handler"))))
                .expectErrorSatisfies(e -> assertThat(((TmcpException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .verify();
    }
}
