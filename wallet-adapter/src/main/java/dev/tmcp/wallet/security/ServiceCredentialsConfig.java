package dev.tmcp.wallet.security;

import dev.tmcp.web.internal.ServiceCredentials;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ServiceCredentialsConfig {

    /** payment-service settles holds and refunds with these (docs/internal/wallet-internal-api.md). */
    @Bean
    ServiceCredentials paymentServiceCredentials(@Value("${tmcp.wallet.payment-service-secret:}") String secret) {
        return new ServiceCredentials("payment-service", secret);
    }
}
