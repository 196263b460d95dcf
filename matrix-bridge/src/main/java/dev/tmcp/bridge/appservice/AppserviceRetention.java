package dev.tmcp.bridge.appservice;

import dev.tmcp.web.retention.RetentionRule;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The homeserver retries a transaction until it is acknowledged, within minutes; the marks that
 * make a retried transaction and a re-sent room event apply once are kept a week.
 */
@Configuration(proxyBeanMethods = false)
class AppserviceRetention {

    @Bean
    RetentionRule appliedTransactions(@Value("${tmcp.retention.as-transactions:7d}") Duration keep) {
        return RetentionRule.olderThan("as_transaction", "received_at", keep);
    }

    @Bean
    RetentionRule publishedInboundEvents(@Value("${tmcp.retention.as-transactions:7d}") Duration keep) {
        return RetentionRule.olderThan("inbound_event", "received_at", keep);
    }
}
