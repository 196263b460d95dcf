package dev.tmcp.web.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Parks a record that cannot be handled on its topic's dead-letter topic ({@code <topic>.dlt}),
 * with the same key and value and headers naming the consumer, the original position and the
 * failure, so the partition goes on and an operator can inspect or replay it. Counted as
 * {@code tmcp_kafka_dead_lettered_total{topic,consumer}}.
 */
public class DeadLetters {

    public static final String SUFFIX = ".dlt";
    public static final String HEADER_CONSUMER = "tmcp-dlt-consumer";
    public static final String HEADER_TOPIC = "tmcp-dlt-original-topic";
    public static final String HEADER_PARTITION = "tmcp-dlt-original-partition";
    public static final String HEADER_OFFSET = "tmcp-dlt-original-offset";
    public static final String HEADER_EXCEPTION = "tmcp-dlt-exception";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaTemplate<String, String> kafka;
    private final MeterRegistry meters;

    public DeadLetters(KafkaTemplate<String, String> kafka, MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters;
    }

    public static String topicOf(String topic) {
        return topic + SUFFIX;
    }

    /** Completes once Kafka acknowledged the dead letter; fails if it did not (the record is then retried). */
    public Mono<Void> park(String consumer, ConsumerRecord<String, String> record, Throwable cause) {
        ProducerRecord<String, String> letter = new ProducerRecord<>(topicOf(record.topic()), record.key(), record.value());
        header(letter, HEADER_CONSUMER, consumer);
        header(letter, HEADER_TOPIC, record.topic());
        header(letter, HEADER_PARTITION, String.valueOf(record.partition()));
        header(letter, HEADER_OFFSET, String.valueOf(record.offset()));
        String failure = String.valueOf(cause);
        header(letter, HEADER_EXCEPTION, failure.length() > 1000 ? failure.substring(0, 1000) : failure);
        return Mono.fromFuture(() -> kafka.send(letter))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnSuccess(sent -> {
                    meters.counter("tmcp.kafka.dead_lettered", "topic", record.topic(), "consumer", consumer).increment();
                    log.error("consumer={} topic={} partition={} offset={} parked on {}: {}", consumer, record.topic(),
                            record.partition(), record.offset(), letter.topic(), failure);
                })
                .then();
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
