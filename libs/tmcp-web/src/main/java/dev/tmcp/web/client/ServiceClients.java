package dev.tmcp.web.client;

import dev.tmcp.web.request.RequestIdForwarding;
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

    /**
     * {@code baseUrl} may list several replicas, comma-separated ({@link Replicas}): calls take them
     * in turn, each replica has its own breaker ({@link ReplicaBreakers}), and the client's retry of
     * a refused connection goes to the next one.
     */
    public ServiceClient create(String name, String baseUrl, Duration timeout) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .responseTimeout(timeout);
        Replicas replicas = Replicas.parse(baseUrl);
        WebClient.Builder client = builder.clone()
                .baseUrl(replicas.size() > 1 ? replicas.first().toString() : baseUrl)
                .clientConnector(new ReactorClientHttpConnector(http))
                .filter(new RequestIdForwarding());
        if (replicas.size() > 1) {
            // A breaker per replica, inside the filter that picks the replica (decision 0041).
            client.filter(new ReplicaBreakers(name, replicas, timeout, registry, CircuitBreakers.spec()));
            return new ServiceClient(client.build(), name, timeout);
        }
        return new ServiceClient(client.build(), registry.circuitBreaker(name, CircuitBreakers.spec()), timeout);
    }

    public CircuitBreakerRegistry registry() {
        return registry;
    }
}
