package dev.tmcp.auth.keycloak;

import dev.tmcp.auth.AuthProperties;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KeycloakAdminConfig {

    /** The admin client acts as the suite's confidential client (service account with manage-clients). */
    @Bean(destroyMethod = "close")
    Keycloak keycloakAdmin(AuthProperties properties) {
        AuthProperties.Keycloak kc = properties.keycloak();
        return KeycloakBuilder.builder()
                .serverUrl(kc.url())
                .realm(kc.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(kc.clientId())
                .clientSecret(kc.clientSecret())
                .build();
    }
}
