package dev.tmcp.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** Spec 7.7.2's breaker with two replicas of a dependency: one failing replica must not cut the other. */
class ReplicaBreakersTest {

    private final List<HttpServer> replicas = new ArrayList<>();
    private CircuitBreakerRegistry registry;
    private ServiceClient wallet;

    @BeforeEach
    void start() throws Exception {
        replicas.add(replica(new AtomicBoolean(false)));
        replicas.add(replica(new AtomicBoolean(true)));
        registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.ofDefaults());
        wallet = new ServiceClients(WebClient.builder(), registry).create("wallet-adapter",
                url(0) + "," + url(1), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        replicas.forEach(r -> r.stop(0));
    }

    @Test
    void aFailingReplicaOpensOnlyItsOwnBreakerAndCallsGoOnToTheOther() {
        List<Boolean> answered = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answered.add(call());
        }

        assertThat(breaker(1).getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker(0).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(answered.subList(30, 40)).as("once the failing replica's breaker is open").containsOnly(true);
    }

    @Test
    void callsAreRefusedOnlyWhenEveryReplicasBreakerIsOpen() {
        for (int i = 0; i < 40; i++) {
            call();
        }
        breaker(0).transitionToOpenState();

        assertThat(wallet.call(web -> web.get().uri("/ping").retrieve().toBodilessEntity()).map(r -> true)
                .onErrorResume(CallNotPermittedException.class, e -> reactor.core.publisher.Mono.just(false))
                .block()).isFalse();
    }

    private boolean call() {
        return wallet.call(web -> web.get().uri("/ping").retrieve().toBodilessEntity())
                .map(r -> true).onErrorReturn(false).block();
    }

    private CircuitBreaker breaker(int replica) {
        return registry.circuitBreaker("wallet-adapter@127.0.0.1:" + replicas.get(replica).getAddress().getPort());
    }

    private String url(int replica) {
        return "http://127.0.0.1:" + replicas.get(replica).getAddress().getPort();
    }

    private static HttpServer replica(AtomicBoolean failing) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(failing.get() ? 500 : 200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
