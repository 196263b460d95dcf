package dev.tmcp.web.input;

import org.springframework.core.Ordered;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies only: the server's JSON decoder gets {@link CleanTextModule}. Outbound clients
 * keep the plain mapper, so a downstream answer (a Matrix display name, say) is never refused.
 * Runs after Spring Boot's codec customizers, which would otherwise set the decoder back.
 */
public class CleanRequestCodecs implements WebFluxConfigurer, Ordered {

    private final JsonMapper mapper;

    public CleanRequestCodecs(JsonMapper mapper) {
        this.mapper = mapper.rebuild().addModule(new CleanTextModule()).build();
    }

    @Override
    public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
        configurer.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(mapper));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
