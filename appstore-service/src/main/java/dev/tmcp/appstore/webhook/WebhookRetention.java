package dev.tmcp.appstore.webhook;

import dev.tmcp.web.retention.RetentionRule;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Finished deliveries (and, by cascade, their attempts) leave the developer's log after 30 days. */
@Configuration(proxyBeanMethods = false)
class WebhookRetention {

    @Bean
    RetentionRule finishedWebhookDeliveries(@Value("${tmcp.retention.webhook-deliveries:30d}") Duration keep) {
        return new RetentionRule("webhook_delivery", "finished_at", "status <> 'pending'", keep);
    }
}
