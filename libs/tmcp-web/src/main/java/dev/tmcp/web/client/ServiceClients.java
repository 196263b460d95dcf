package dev.tmcp.web.client;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/** Makes {@link ServiceClient}s that share one breaker registry (and so one set of metrics). */
public class ServiceClients {

    private final WebClient.Builder builder;
    private final CircuitBreakerRegistry registry;

    public ServiceClients(WebClient.Builder builder, CircuitBreakerRegistry registry) {
        this.builder = builder;
        this.registry = registry;
    }

    public ServiceClient create(String name, String baseUrl, Duration timeout) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .responseTimeout(timeout);
        WebClient webClient = builder.clone()
                .baseUrl(baseUrl)
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
        return new ServiceClient(webClient, registry.circuitBreaker(name, CircuitBreakers.spec()), timeout);
    }

    public CircuitBreakerRegistry registry() {
        return registry;
    }
}
