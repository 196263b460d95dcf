package dev.tmcp.web.config;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.core.JacksonException;

/**
 * Consumers retry a failing event with exponential backoff (up to 30 s apart) for as long as it
 * takes, instead of Spring Kafka's default of skipping it after ten attempts: an outage of a
 * dependency delays events, it never drops them. An event that cannot be parsed is skipped.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(DefaultErrorHandler.class)
public class TmcpKafkaAutoConfiguration {

    @Bean
    CommonErrorHandler tmcpKafkaErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(250, 2.0);
        backOff.setMaxInterval(Duration.ofSeconds(30).toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        handler.addNotRetryableExceptions(JacksonException.class);
        return handler;
    }
}
