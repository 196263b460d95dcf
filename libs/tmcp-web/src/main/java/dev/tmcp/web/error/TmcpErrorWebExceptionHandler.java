package dev.tmcp.web.error;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.InvalidAmountException;
import dev.tmcp.web.request.RequestIds;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders every failure in the format of spec 12.1. Anything a client can cause maps to a 4xx;
 * only faults of the suite itself become 500, and their detail stays in the log.
 */
@Order(-2)
public class TmcpErrorWebExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(TmcpErrorWebExceptionHandler.class);

    private static final int RETRY_AFTER = 5;

    /**
     * Outages of PostgreSQL, Redis and Kafka, named so that a service without one of those clients
     * on its classpath still loads this class. Retrying later may succeed: 503, never 500.
     */
    private static final Set<String> OUTAGES = Set.of(
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.TransientDataAccessException",
            "org.springframework.dao.RecoverableDataAccessException",
            "io.r2dbc.spi.R2dbcTransientException",
            "io.r2dbc.spi.R2dbcNonTransientResourceException",
            "io.lettuce.core.RedisConnectionException",
            "io.lettuce.core.RedisCommandTimeoutException",
            "org.apache.kafka.common.errors.RetriableException");

    /** A connection to an upstream closed or reset before its answer was complete. */
    private static final Set<String> CUT_CONNECTIONS = Set.of(
            "reactor.netty.http.client.PrematureCloseException",
            "io.netty.channel.unix.Errors$NativeIoException",
            "java.net.SocketException",
            "java.nio.channels.ClosedChannelException");

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        if (ex instanceof OAuthError oauth) {
            return write(exchange, oauth.status(), json.writeValueAsBytes(oauth.body()));
        }
        TmcpException error = translate(ex);
        String requestId = RequestIds.of(exchange);
        if (error.code() == ErrorCode.INTERNAL_ERROR) {
            log.error("request_id={} unhandled failure", requestId, ex);
        } else if (error.code().httpStatus() >= 500) {
            log.warn("request_id={} {}: {}", requestId, error.code(), ex.toString());
        }
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(error.code().httpStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        if (error.details().containsKey("retry_after") || error.code() == ErrorCode.SERVICE_UNAVAILABLE
                || error.code() == ErrorCode.RATE_LIMIT_EXCEEDED) {
            Object retryAfter = error.details().getOrDefault("retry_after", 60);
            response.getHeaders().set("Retry-After", String.valueOf(retryAfter));
        }
        byte[] body = json.writeValueAsBytes(ErrorBodies.of(error.code(), error.getMessage(), error.details(), requestId));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /** An OAuth-format error (spec 12.3, 4.4.6, 4.4.9): {@code error} and {@code error_description}. */
    private static Mono<Void> write(ServerWebExchange exchange, int status, byte[] body) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(status));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setCacheControl("no-store");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** The 12.1 error any failure stands for (also for errors answered inside another format, as JSON-RPC). */
    public static TmcpException translate(Throwable ex) {
        if (ex instanceof TmcpException tmcp) {
            return tmcp;
        }
        if (reactor.core.Exceptions.isRetryExhausted(ex)) {
            // Retries of a call gave up: the last attempt's failure says what happened.
            return ex.getCause() != null ? translate(ex.getCause())
                    : new TmcpException(ErrorCode.SERVICE_UNAVAILABLE, "A service this request depends on did not answer",
                            Map.of("retry_after", RETRY_AFTER));
        }
        if (ex instanceof InvalidAmountException invalid) {
            return new TmcpException(ErrorCode.INVALID_AMOUNT, invalid.getMessage());
        }
        if (ex instanceof WebExchangeBindException bind) {
            String fields = bind.getFieldErrors().stream()
                    .map(f -> f.getField() + " " + f.getDefaultMessage())
                    .reduce((a, b) -> a + "; " + b).orElse("invalid request");
            return new TmcpException(ErrorCode.INVALID_REQUEST, fields);
        }
        if (causedBy(ex, DataBufferLimitException.class)) {
            return new TmcpException(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large");
        }
        if (ex instanceof ServerWebInputException input) {
            return new TmcpException(ErrorCode.INVALID_REQUEST, inputMessage(input));
        }
        if (ex instanceof ResponseStatusException status) {
            return fromStatus(status);
        }
        if (ex instanceof CallNotPermittedException open) {
            return new TmcpException(ErrorCode.SERVICE_UNAVAILABLE,
                    "A service this request depends on is temporarily unavailable",
                    Map.of("circuit_breaker", open.getCausingCircuitBreakerName(), "retry_after", 60,
                            "circuit_state", "OPEN"));
        }
        if (causedBy(ex, WebClientRequestException.class) || causedBy(ex, TimeoutException.class)
                || causedBy(ex, java.net.ConnectException.class)) {
            return new TmcpException(ErrorCode.SERVICE_UNAVAILABLE,
                    "A service this request depends on did not answer", Map.of("retry_after", RETRY_AFTER));
        }
        if (causedByAny(ex, OUTAGES)) {
            return new TmcpException(ErrorCode.SERVICE_UNAVAILABLE,
                    "A store this request depends on is unavailable", Map.of("retry_after", RETRY_AFTER));
        }
        if (causedByAny(ex, CUT_CONNECTIONS)) {
            return new TmcpException(ErrorCode.BAD_GATEWAY,
                    "The service behind the gateway closed the connection before answering",
                    Map.of("retry_after", RETRY_AFTER));
        }
        return new TmcpException(ErrorCode.INTERNAL_ERROR, "Internal error");
    }

    /** Is {@code ex}, or one of its causes, of a type named in {@code types} (or a subtype)? */
    private static boolean causedByAny(Throwable ex, Set<String> types) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                if (types.contains(c.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String inputMessage(ServerWebInputException input) {
        Throwable cause = input.getMostSpecificCause();
        if (cause instanceof InvalidAmountException invalid) {
            return invalid.getMessage();
        }
        for (Throwable t = input; t != null; t = t.getCause()) {
            if (t instanceof ClientInputError refused) {
                return refused.clientMessage();
            }
        }
        String reason = input.getReason();
        if (reason != null && reason.startsWith("Failed to read HTTP message")) {
            return "Malformed or mistyped JSON request body";
        }
        return reason != null ? reason : "Invalid request";
    }

    private static TmcpException fromStatus(ResponseStatusException status) {
        int code = status.getStatusCode().value();
        String reason = status.getReason() != null ? status.getReason() : "Request failed";
        return switch (code) {
            case 404 -> new TmcpException(ErrorCode.NOT_FOUND, "No such endpoint or resource");
            case 405 -> new TmcpException(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed");
            case 415 -> new TmcpException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type");
            case 502 -> new TmcpException(ErrorCode.BAD_GATEWAY,
                    "The service behind the gateway failed to answer", Map.of("retry_after", RETRY_AFTER));
            case 503 -> new TmcpException(ErrorCode.SERVICE_UNAVAILABLE, reason, Map.of("retry_after", RETRY_AFTER));
            case 504 -> new TmcpException(ErrorCode.GATEWAY_TIMEOUT,
                    "The service behind the gateway did not answer in time", Map.of("retry_after", RETRY_AFTER));
            default -> code < 500
                    ? new TmcpException(ErrorCode.INVALID_REQUEST, reason)
                    : new TmcpException(ErrorCode.INTERNAL_ERROR, "Internal error");
        };
    }
}
