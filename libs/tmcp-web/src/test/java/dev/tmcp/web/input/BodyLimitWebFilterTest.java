package dev.tmcp.web.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A body over the codec limit is refused before any reader sees the buffer that crosses it. */
class BodyLimitWebFilterTest {

    private static final int LIMIT = 100;

    private final BodyLimitWebFilter filter = new BodyLimitWebFilter(LIMIT);

    @Test
    void aDeclaredLengthOverTheLimitIs413WithoutReachingTheHandler() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("http://localhost/oauth2/token")
                .contentLength(LIMIT + 1).body("x".repeat(LIMIT + 1)));

        StepVerifier.create(filter.filter(exchange, e -> Mono.error(new AssertionError("must not reach the handler"))))
                .verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"")
                .contains("\"max_bytes\":" + LIMIT);
        assertThat(exchange.getResponse().getHeaders().getConnection()).isEmpty();
    }

    @Test
    void theEdgeClosesTheConnectionOfARefusedDeclaredBody() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("http://localhost/oauth2/token")
                .contentLength(LIMIT + 1).body("x".repeat(LIMIT + 1)));

        StepVerifier.create(new BodyLimitWebFilter(LIMIT, true).filter(exchange, e -> Mono.empty())).verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(exchange.getResponse().getHeaders().getConnection()).containsExactly("close");
    }

    @Test
    void aStreamedBodyFailsAtTheChunkThatCrossesTheLimitWhichTheReaderNeverGets() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("http://localhost/oauth2/token")
                .body(Flux.just(chunk(60), chunk(60), chunk(60))));
        AtomicLong read = new AtomicLong();

        StepVerifier.create(filter.filter(exchange, e -> e.getRequest().getBody()
                        .doOnNext(buffer -> read.addAndGet(buffer.readableByteCount())).then()))
                .verifyError(DataBufferLimitException.class);

        assertThat(read).hasValue(60);
    }

    @Test
    void aBodyWithinTheLimitReachesTheReaderWhole() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("http://localhost/oauth2/token")
                .body(Flux.just(chunk(50), chunk(50))));
        AtomicLong read = new AtomicLong();

        StepVerifier.create(filter.filter(exchange, e -> e.getRequest().getBody()
                        .doOnNext(buffer -> read.addAndGet(buffer.readableByteCount())).then()))
                .verifyComplete();

        assertThat(read).hasValue(LIMIT);
    }

    private static DataBuffer chunk(int size) {
        return DefaultDataBufferFactory.sharedInstance.wrap("y".repeat(size).getBytes(StandardCharsets.US_ASCII));
    }
}
