package dev.tmcp.appstore.store;

import dev.tmcp.web.retention.RetentionRule;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Daily session counts are kept 60 days: the ranking reads 30. */
@Configuration(proxyBeanMethods = false)
class StoreRetention {

    @Bean
    RetentionRule appActivity(@Value("${tmcp.retention.app-activity:60d}") Duration keep) {
        return new RetentionRule("app_activity", "day", null, keep);
    }
}
