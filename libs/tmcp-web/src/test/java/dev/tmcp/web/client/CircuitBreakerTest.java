package dev.tmcp.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.test.MovableClock;
import dev.tmcp.web.error.ErrorBodies;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Spec 7.7 against a real HTTP dependency that fails on demand: 5 failures in 10 calls open the
 * breaker, fewer do not; 60 s open, then one probe every 10 s; the 7.7.4 and 7.7.5 shapes.
 */
class CircuitBreakerTest {

    private HttpServer dependency;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean(true);
    private final MovableClock clock = new MovableClock();
    private CircuitBreakerReport report;
    private ServiceClient wallet;

    @BeforeEach
    void start() throws Exception {
        dependency = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dependency.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(failing.get() ? 500 : 200, -1);
            exchange.close();
        });
        dependency.start();
        report = new CircuitBreakerReport();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.ofDefaults(), report);
        report.attach(registry);
        CircuitBreaker breaker = registry.circuitBreaker("wallet_payments", CircuitBreakerConfig.from(CircuitBreakers.spec())
                .clock(clock).automaticTransitionFromOpenToHalfOpenEnabled(false).build());
        wallet = new ServiceClient(WebClient.builder().baseUrl("http://127.0.0.1:" + dependency.getAddress().getPort()).build(),
                breaker, Duration.ofSeconds(15));
    }

    @AfterEach
    void stop() {
        dependency.stop(0);
    }

    @Test
    void fiveFailuresInTenCallsOpenTheBreakerWhichThenFailsFastWithTheSpecBody() {
        calls(5, false);
        calls(5, true);
        Throwable open = call();
        assertThat(open).isInstanceOf(CallNotPermittedException.class);
        assertThat(hits.get()).as("the open breaker did not call the dependency").isEqualTo(10);

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
                .containsEntry("total_requests", 11L).containsEntry("success_rate", 0.455);
        assertThat(breaker.get("last_state_change")).isNotNull();
    }

    @Test
    void threeFailuresInTheFirstFiveCallsAreNotFiveInTen() {
        calls(2, false);
        calls(3, true);
        calls(1, false);

        assertThat(hits.get()).isEqualTo(6);
        assertThat(call()).as("still closed: the dependency is called").isNull();
    }

    @Test
    void fourFailuresInTenKeepTheBreakerClosed() {
        calls(6, false);
        calls(4, true);

        failing.set(false);
        assertThat(call()).isNull();
        assertThat(hits.get()).isEqualTo(11);
    }

    @Test
    void afterSixtySecondsOneProbeAtATimeAndAFailedProbeWaitsTenSeconds() {
        calls(10, true);
        clock.advance(Duration.ofSeconds(59));
        assertThat(call()).isInstanceOf(CallNotPermittedException.class);

        clock.advance(Duration.ofSeconds(2));
        assertThat(call()).as("the probe reaches the dependency and fails").isInstanceOf(TmcpException.class);
        assertThat(hits.get()).isEqualTo(11);
        clock.advance(Duration.ofSeconds(9));
        assertThat(call()).isInstanceOf(CallNotPermittedException.class);

        clock.advance(Duration.ofSeconds(2));
        failing.set(false);
        assertThat(call()).as("the next probe, 10 s later, succeeds").isNull();
        assertThat(call()).as("closed again").isNull();
        assertThat(hits.get()).isEqualTo(13);
    }

    private void calls(int count, boolean fail) {
        failing.set(fail);
        for (int i = 0; i < count; i++) {
            Throwable e = call();
            assertThat(e == null).as("call %d", i).isEqualTo(!fail);
        }
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
