package dev.tmcp.gateway.replicas;

import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReplicaRouting {

    /** {@code tmcp.gateway.replicas}: the services' replica lists, separated by semicolons. */
    @Bean
    ReplicaRoutingFilter replicaRoutingFilter(@Value("${tmcp.gateway.replicas:}") String lists) {
        return new ReplicaRoutingFilter(Arrays.asList(lists.split(";")));
    }
}
