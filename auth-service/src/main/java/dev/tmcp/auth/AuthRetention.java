package dev.tmcp.auth;

import dev.tmcp.web.retention.RetentionRule;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refresh tokens and consent requests are refused once expired; their rows are kept a while after
 * that (a replayed expired refresh token still revokes its session) and then deleted.
 */
@Configuration(proxyBeanMethods = false)
class AuthRetention {

    @Bean
    RetentionRule expiredRefreshTokens(@Value("${tmcp.retention.expired-tokens:30d}") Duration keep) {
        return RetentionRule.olderThan("refresh_token", "expires_at", keep);
    }

    @Bean
    RetentionRule expiredDeveloperRefreshTokens(@Value("${tmcp.retention.expired-tokens:30d}") Duration keep) {
        return RetentionRule.olderThan("developer_refresh_token", "expires_at", keep);
    }

    @Bean
    RetentionRule expiredConsentRequests(@Value("${tmcp.retention.expired-tokens:30d}") Duration keep) {
        return RetentionRule.olderThan("consent_request", "expires_at", keep);
    }
}
