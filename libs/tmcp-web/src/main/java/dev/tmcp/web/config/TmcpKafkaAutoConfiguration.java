package dev.tmcp.web.config;

import dev.tmcp.web.outbox.DeadLetters;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import tools.jackson.core.JacksonException;

/**
 * A record whose listener throws is retried with exponential backoff (250 ms doubling, at most
 * 30 s apart) nine times, then published to its dead-letter topic {@code <topic>.dlt} (same key,
 * any partition) and skipped, so one poison record never stalls its partition. A record that cannot
 * be parsed goes there at once. Listeners that return a Mono bound their own retries
 * ({@code EventConsumers.guarded}); this handler catches what fails before their Mono exists.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(DefaultErrorHandler.class)
public class TmcpKafkaAutoConfiguration {

    @Bean
    CommonErrorHandler tmcpKafkaErrorHandler(ObjectProvider<KafkaTemplate<String, String>> kafka) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(9);
        backOff.setInitialInterval(250);
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(Duration.ofSeconds(30).toMillis());
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(record -> kafka.getObject(), false,
                (record, e) -> new TopicPartition(DeadLetters.topicOf(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(JacksonException.class);
        return handler;
    }
}
