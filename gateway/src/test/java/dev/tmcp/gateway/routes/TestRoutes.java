package dev.tmcp.gateway.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The routes of {@code application.yml}, bound as the gateway binds them, every service where nothing listens. */
public final class TestRoutes {

    public static final String NOWHERE = "http://127.0.0.1:1";

    private TestRoutes() {
    }

    public static GatewayProperties properties() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("nowhere", Map.of(
                "AUTH_SERVICE_URL", NOWHERE, "WALLET_ADAPTER_URL", NOWHERE, "PAYMENT_SERVICE_URL", NOWHERE,
                "STORAGE_SERVICE_URL", NOWHERE, "APPSTORE_SERVICE_URL", NOWHERE, "MATRIX_BRIDGE_URL", NOWHERE)));
        try {
            new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Binder.get(environment).bind(GatewayProperties.PREFIX, GatewayProperties.class).get();
    }

    public static RouteTable table() {
        return table(properties());
    }

    public static RouteTable table(GatewayProperties properties) {
        return new RouteTable(properties);
    }
}
