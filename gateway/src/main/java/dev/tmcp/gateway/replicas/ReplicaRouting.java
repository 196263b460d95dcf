package dev.tmcp.gateway.replicas;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReplicaRouting {

    @Bean
    ReplicaLists replicaLists(@Value("${tmcp.gateway.replicas:}") String lists) {
        return ReplicaLists.parse(lists);
    }

    @Bean
    ReplicaRoutingFilter replicaRoutingFilter(ReplicaLists lists) {
        return new ReplicaRoutingFilter(lists.lists());
    }
}
