package dev.tmcp.web.config;

import dev.tmcp.web.jobs.JobHolder;
import dev.tmcp.web.jobs.JobLeases;
import dev.tmcp.web.outbox.ConsumerRetry;
import dev.tmcp.web.outbox.DeadLetters;
import dev.tmcp.web.outbox.EventConsumers;
import dev.tmcp.web.outbox.OutboxEndpoint;
import dev.tmcp.web.outbox.OutboxRelay;
import dev.tmcp.web.outbox.OutboxWriter;
import dev.tmcp.web.outbox.ProcessedEvents;
import dev.tmcp.web.retention.Retention;
import dev.tmcp.web.retention.RetentionRule;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Outbox and processed-event plumbing for services with a database (and Kafka, for the relay). */
@AutoConfiguration(afterName = {
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
@ConditionalOnClass(DatabaseClient.class)
public class TmcpOutboxAutoConfiguration {

    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    OutboxWriter outboxWriter(DatabaseClient db) {
        return new OutboxWriter(db);
    }

    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    JobLeases jobLeases(DatabaseClient db, @Value("${tmcp.jobs.holder:}") String holder,
            @Value("${server.port:0}") int port, @Value("${tmcp.jobs.group:}") String group,
            @Value("${tmcp.jobs.run-timeout:30s}") Duration runTimeout) {
        return new JobLeases(db, holder.isBlank() ? JobHolder.of(port) : holder, group, runTimeout);
    }

    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    ProcessedEvents processedEvents(DatabaseClient db) {
        return new ProcessedEvents(db);
    }

    /** Published outbox rows; a parked row stays until an operator releases or discards it. */
    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    RetentionRule publishedOutboxRows(@Value("${tmcp.retention.outbox:7d}") Duration keep) {
        return new RetentionRule("outbox_event", "published_at", "published_at is not null", keep);
    }

    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    RetentionRule discardedOutboxRows(@Value("${tmcp.retention.outbox:7d}") Duration keep) {
        return new RetentionRule("outbox_event", "discarded_at", "discarded_at is not null", keep);
    }

    /**
     * A consumer's marks must outlive every copy of the event Kafka may still deliver; the default
     * is two weeks against the topics' retention of at most a week (decision 0045).
     */
    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    RetentionRule processedEventMarks(@Value("${tmcp.retention.processed-events:14d}") Duration keep) {
        return RetentionRule.olderThan("processed_event", "processed_at", keep);
    }

    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    @ConditionalOnProperty(name = "tmcp.retention.enabled", matchIfMissing = true)
    Retention retention(DatabaseClient db, ObjectProvider<RetentionRule> rules,
            @Value("${tmcp.retention.interval:10m}") Duration every,
            @Value("${tmcp.retention.batch:5000}") int batch,
            @Value("${tmcp.retention.max-batches:20}") int maxBatches, MeterRegistry meters) {
        return new Retention(db, rules.orderedStream().toList(), every, batch, maxBatches, meters);
    }

    /** Only services with Kafka on the classpath relay their outbox and consume events. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaTemplate.class)
    static class Kafka {

        @Bean
        @ConditionalOnBean(KafkaTemplate.class)
        DeadLetters deadLetters(KafkaTemplate<String, String> kafka, MeterRegistry meters) {
            return new DeadLetters(kafka, meters);
        }

        @Bean
        @ConditionalOnBean({DatabaseClient.class, KafkaTemplate.class, ReactiveTransactionManager.class})
        EventConsumers eventConsumers(ProcessedEvents processed, ReactiveTransactionManager txManager,
                DeadLetters deadLetters,
                @Value("${tmcp.kafka.consumer.max-attempts:10}") int maxAttempts,
                @Value("${tmcp.kafka.consumer.first-backoff:250ms}") Duration firstBackoff,
                @Value("${tmcp.kafka.consumer.max-backoff:30s}") Duration maxBackoff) {
            return new EventConsumers(processed, TransactionalOperator.create(txManager), deadLetters,
                    new ConsumerRetry.Policy(maxAttempts, firstBackoff, maxBackoff));
        }

        @Bean
        @ConditionalOnBean({DatabaseClient.class, KafkaTemplate.class, ReactiveTransactionManager.class})
        @ConditionalOnProperty(name = "tmcp.outbox.relay.enabled", matchIfMissing = true)
        OutboxRelay outboxRelay(DatabaseClient db, ReactiveTransactionManager txManager,
                KafkaTemplate<String, String> kafka, OutboxWriter writer,
                @Value("${tmcp.outbox.relay.interval:200ms}") Duration interval,
                @Value("${tmcp.outbox.relay.max-attempts:5}") int maxAttempts,
                @Value("${tmcp.outbox.relay.partitions:16}") int partitions, MeterRegistry meters) {
            return new OutboxRelay(db, TransactionalOperator.create(txManager), kafka, interval, maxAttempts, partitions,
                    writer.committed(), meters);
        }

        @Bean
        @ConditionalOnBean(DatabaseClient.class)
        @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
        OutboxEndpoint outboxEndpoint(DatabaseClient db) {
            return new OutboxEndpoint(db);
        }
    }
}
