package dev.tmcp.web.client;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
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

    /**
     * {@code baseUrl} may list several replicas, comma-separated ({@link Replicas}): calls take them
     * in turn, and the client's retry of a refused connection goes to the next one.
     */
    public ServiceClient create(String name, String baseUrl, Duration timeout) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .responseTimeout(timeout);
        Replicas replicas = Replicas.parse(baseUrl);
        WebClient.Builder client = builder.clone()
                .baseUrl(replicas.size() > 1 ? replicas.first().toString() : baseUrl)
                .clientConnector(new ReactorClientHttpConnector(http));
        if (replicas.size() > 1) {
            client.filter(inTurn(replicas));
        }
        WebClient webClient = client.build();
        return new ServiceClient(webClient, registry.circuitBreaker(name, CircuitBreakers.spec()), timeout);
    }

    private static ExchangeFilterFunction inTurn(Replicas replicas) {
        return (request, next) -> {
            URI origin = replicas.pick();
            return next.exchange(ClientRequest.from(request).url(Replicas.on(request.url(), origin)).build())
                    .doOnError(e -> {
                        if (Replicas.isRefusal(e)) {
                            replicas.refused(origin);
                        }
                    });
        };
    }

    public CircuitBreakerRegistry registry() {
        return registry;
    }
}
