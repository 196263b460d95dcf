package dev.tmcp.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.InvalidAmountException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.kafka.KafkaException;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.netty.http.client.PrematureCloseException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/** Anything a client can cause must map to a 4xx with a stable code, never a 500. */
class TmcpErrorWebExceptionHandlerTest {

    @Test
    void clientMistakesBecome4xx() {
        assertThat(TmcpErrorWebExceptionHandler.translate(new ServerWebInputException("Failed to read HTTP message")).code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(TmcpErrorWebExceptionHandler.translate(new InvalidAmountException("too precise")).code())
                .isEqualTo(ErrorCode.INVALID_AMOUNT);
        assertThat(TmcpErrorWebExceptionHandler.translate(new ResponseStatusException(HttpStatus.NOT_FOUND)).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(TmcpErrorWebExceptionHandler.translate(new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED)).code())
                .isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
        assertThat(TmcpErrorWebExceptionHandler.translate(new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE)).code())
                .isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void aControlCharacterInTheBodyIsAnInvalidRequestThatSaysSo() {
        var mapper = tools.jackson.databind.json.JsonMapper.builder().addModule(new dev.tmcp.web.input.CleanTextModule()).build();
        Throwable decoding = org.assertj.core.api.Assertions.catchThrowable(() -> mapper.readValue("\"\\u0000\"", String.class));
        TmcpException error = TmcpErrorWebExceptionHandler.translate(new ServerWebInputException("Failed to read HTTP message",
                null, new org.springframework.core.codec.DecodingException("JSON decoding error", decoding)));
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(error.getMessage()).contains("control characters");
    }

    @Test
    void tmcpErrorsKeepTheirCodeAndAnOpenBreakerIsA503() {
        TmcpException funds = new TmcpException(ErrorCode.INSUFFICIENT_FUNDS, "low");
        assertThat(TmcpErrorWebExceptionHandler.translate(funds)).isSameAs(funds);
        CallNotPermittedException open = CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("wallet-adapter"));
        TmcpException unavailable = TmcpErrorWebExceptionHandler.translate(open);
        assertThat(unavailable.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(unavailable.details()).containsEntry("circuit_breaker", "wallet-adapter");
    }

    @Test
    void outagesOfPostgresRedisAndKafkaAre503NotInternalErrors() {
        List<Throwable> outages = List.of(
                new RedisConnectionFailureException("Unable to connect to Redis"),
                new QueryTimeoutException("Redis command timed out"),
                new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
                        new R2dbcNonTransientResourceException("Connection refused")),
                new R2dbcTransientResourceException("the database system is starting up"),
                new KafkaException("Send failed", new org.apache.kafka.common.errors.TimeoutException("metadata")));
        for (Throwable outage : outages) {
            TmcpException error = TmcpErrorWebExceptionHandler.translate(outage);
            assertThat(error.code()).as("%s", outage).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
            assertThat(error.details()).as("%s", outage).containsKey("retry_after");
        }
    }

    @Test
    void anOutageIsAnsweredWithRetryAfterInTheSpecFormat() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/wallet/v1/balance"));

        new TmcpErrorWebExceptionHandler().handle(exchange, new RedisConnectionFailureException("down")).block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"SERVICE_UNAVAILABLE\"")
                .contains("\"request_id\"");
    }

    @Test
    void anUpstreamThatDiesOrHangsIs502Or504() {
        assertThat(TmcpErrorWebExceptionHandler.translate(PrematureCloseException.TEST_EXCEPTION).code())
                .isEqualTo(ErrorCode.BAD_GATEWAY);
        assertThat(TmcpErrorWebExceptionHandler.translate(new java.net.SocketException("Connection reset")).code())
                .isEqualTo(ErrorCode.BAD_GATEWAY);
        assertThat(TmcpErrorWebExceptionHandler.translate(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT)).code())
                .isEqualTo(ErrorCode.GATEWAY_TIMEOUT);
        assertThat(TmcpErrorWebExceptionHandler.translate(new java.net.ConnectException("Connection refused")).code())
                .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void unexpectedFailuresDoNotLeakTheirMessage() {
        TmcpException error = TmcpErrorWebExceptionHandler.translate(new IllegalStateException("password=hunter2"));
        assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(error.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void retriesThatGaveUpOnAnUnreachableServiceAre503() {
        Throwable cause = new org.springframework.web.reactive.function.client.WebClientRequestException(
                new java.io.IOException("Connection closed"), org.springframework.http.HttpMethod.POST,
                java.net.URI.create("http://127.0.0.1:1/internal"), new org.springframework.http.HttpHeaders());
        Throwable exhausted = reactor.core.Exceptions.retryExhausted("Retries exhausted: 2/2", cause);

        TmcpException error = TmcpErrorWebExceptionHandler.translate(exhausted);

        assertThat(error.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(error.details()).containsKey("retry_after");
    }
}
