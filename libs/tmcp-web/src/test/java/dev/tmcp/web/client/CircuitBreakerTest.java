package dev.tmcp.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.error.ErrorBodies;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** Spec 7.7 against a real failing HTTP dependency: 5 failures in 10 open the breaker; 7.7.4 and 7.7.5 shapes. */
class CircuitBreakerTest {

    private HttpServer failing;
    private final AtomicInteger hits = new AtomicInteger();
    private CircuitBreakerReport report;
    private ServiceClient wallet;

    @BeforeEach
    void start() throws Exception {
        failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        failing.start();
        report = new CircuitBreakerReport();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.ofDefaults(), report);
        report.attach(registry);
        wallet = new ServiceClients(WebClient.builder(), registry)
                .create("wallet_payments", "http://127.0.0.1:" + failing.getAddress().getPort(), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        failing.stop(0);
    }

    @Test
    void fiveFailuresOpenTheBreakerWhichThenFailsFastWithTheSpecBody() {
        for (int i = 0; i < 5; i++) {
            Throwable e = call();
            assertThat(e).isInstanceOf(TmcpException.class);
        }
        Throwable open = call();
        assertThat(open).isInstanceOf(CallNotPermittedException.class);
        assertThat(hits.get()).as("the open breaker did not call the dependency").isEqualTo(5);

        TmcpException translated = dev.tmcp.web.error.TmcpErrorWebExceptionHandlerAccess.translate(open);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) ErrorBodies.of(translated.code(), translated.getMessage(),
                translated.details(), "req_1").get("error");
        assertThat(error).containsEntry("code", "SERVICE_UNAVAILABLE").containsEntry("retry_after", 60)
                .containsEntry("circuit_state", "OPEN");

        @SuppressWarnings("unchecked")
        Map<String, Object> breaker = (Map<String, Object>) ((Map<String, Object>) report.report().get("circuit_breakers"))
                .get("wallet_payments");
        assertThat(breaker).containsEntry("state", "OPEN").containsEntry("failures_last_10_requests", 5)
                .containsEntry("total_requests", 6L).containsEntry("success_rate", 0.0);
        assertThat(breaker.get("last_state_change")).isNotNull();
    }

    private Throwable call() {
        try {
            wallet.call(web -> web.get().uri("/wallet/v1/balance").retrieve().bodyToMono(String.class)).block();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
