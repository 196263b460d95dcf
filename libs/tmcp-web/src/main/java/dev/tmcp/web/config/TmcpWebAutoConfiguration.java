package dev.tmcp.web.config;

import dev.tmcp.web.client.CircuitBreakerReport;
import dev.tmcp.web.client.ServiceClients;
import dev.tmcp.web.error.TmcpErrorWebExceptionHandler;
import dev.tmcp.web.input.BodyLimitWebFilter;
import dev.tmcp.web.input.CleanRequestCodecs;
import dev.tmcp.web.input.CleanRequestWebFilter;
import dev.tmcp.web.platform.PlatformCredentials;
import dev.tmcp.web.platform.PlatformProperties;
import dev.tmcp.web.request.RequestIdWebFilter;
import dev.tmcp.web.request.RequestLogWebFilter;
import dev.tmcp.web.tep.SessionRevocations;
import dev.tmcp.web.tep.TepArgumentResolver;
import dev.tmcp.web.tep.TepProperties;
import dev.tmcp.web.tep.TepVerifier;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.tracing.Tracing;
import io.micrometer.context.ContextRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Wires the shared plumbing into every service that has tmcp-web on its classpath. */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration")
@EnableConfigurationProperties(TepProperties.class)
public class TmcpWebAutoConfiguration {

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(RequestIdWebFilter.CONTEXT_KEY,
                () -> MDC.get(RequestIdWebFilter.CONTEXT_KEY),
                value -> MDC.put(RequestIdWebFilter.CONTEXT_KEY, value),
                () -> MDC.remove(RequestIdWebFilter.CONTEXT_KEY));
    }

    @Bean
    TmcpErrorWebExceptionHandler tmcpErrorWebExceptionHandler() {
        return new TmcpErrorWebExceptionHandler();
    }

    @Bean
    RequestIdWebFilter requestIdWebFilter() {
        return new RequestIdWebFilter();
    }

    @Bean
    RequestLogWebFilter requestLogWebFilter() {
        return new RequestLogWebFilter();
    }

    /** No control characters in request text (decision 0026): path, query and JSON bodies. */
    @Bean
    CleanRequestWebFilter cleanRequestWebFilter() {
        return new CleanRequestWebFilter();
    }

    /**
     * Bodies over the codec limit get 413 before a reader sees them (see the filter). Off in the
     * gateway, which streams bodies through and bounds them with its own edge limit.
     */
    @Bean
    @ConditionalOnProperty(name = "tmcp.web.body-limit.enabled", matchIfMissing = true)
    BodyLimitWebFilter bodyLimitWebFilter(Environment environment) {
        DataSize max = environment.getProperty("spring.http.codecs.max-in-memory-size", DataSize.class,
                DataSize.ofKilobytes(256));
        return new BodyLimitWebFilter(max.toBytes());
    }

    @Bean
    CleanRequestCodecs cleanRequestCodecs(ObjectProvider<JsonMapper> mapper) {
        return new CleanRequestCodecs(mapper.getIfAvailable(() -> JsonMapper.builder().build()));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty("tmcp.tep.jwks-uri")
    TepVerifier tepVerifier(TepProperties properties, SessionRevocations revocations) {
        return new TepVerifier(properties, revocations);
    }

    @Bean
    @ConditionalOnMissingBean
    SessionRevocations sessionRevocations(ReactiveStringRedisTemplate redis) {
        return new SessionRevocations(redis);
    }

    @Bean
    WebFluxConfigurer tepArgumentResolverConfigurer(ObjectProvider<TepVerifier> verifier) {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                verifier.ifAvailable(v -> configurer.addCustomResolver(new TepArgumentResolver(v)));
            }
        };
    }

    /**
     * Lettuce neither traces nor times a command (Boot's Lettuce observation configuration is also
     * excluded in tmcp-defaults.yml). A command's observation was stopped when the command was
     * cancelled, even before it started, and the resulting exception swallowed the error of a request
     * whose body failed while its TEP revocation check was in flight: the request hung. And two Redis
     * commands a request (the revocation check, the rate rows) each set up an observation context and
     * a latency histogram entry that nothing read (docs/performance.md). HTTP observations stay.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.lettuce.core.resource.ClientResources")
    static class RedisCommandConfiguration {

        @Bean
        ClientResourcesBuilderCustomizer untimedRedisCommands() {
            return builder -> builder.tracing(Tracing.disabled()).commandLatencyRecorder(CommandLatencyRecorder.disabled());
        }
    }

    /** Platform credentials (spec 4.4.9), for the services that configure {@code tmcp.platform.client-id}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("tmcp.platform.client-id")
    @EnableConfigurationProperties(PlatformProperties.class)
    static class PlatformCredentialsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        PlatformCredentials platformCredentials(PlatformProperties properties) {
            return new PlatformCredentials(properties);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerRegistry circuitBreakerRegistry(MeterRegistry meters, CircuitBreakerReport report) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(
                io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.ofDefaults(), report);
        report.attach(registry);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    CircuitBreakerReport circuitBreakerReport() {
        return new CircuitBreakerReport();
    }

    @Bean
    ServiceClients serviceClients(WebClient.Builder builder, CircuitBreakerRegistry registry) {
        return new ServiceClients(builder, registry);
    }
}
