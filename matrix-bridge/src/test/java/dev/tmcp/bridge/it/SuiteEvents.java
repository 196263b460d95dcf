package dev.tmcp.bridge.it;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.Topics;
import dev.tmcp.test.StackEnv;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes suite events onto the shared Kafka as their producer services will, but on this test's
 * own copies of the topics (a unique prefix), so no other bridge or test sees them.
 */
public final class SuiteEvents implements AutoCloseable {

    public static final String BOOTSTRAP = StackEnv.get("KAFKA_BOOTSTRAP_SERVERS");

    private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final KafkaProducer<String, String> producer;

    public SuiteEvents() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer = new KafkaProducer<>(props);
        createTopics();
    }

    public String prefix() {
        return prefix;
    }

    /** Publishes the event keyed by its subject, as the outbox relay does; returns the envelope. */
    public EventEnvelope publish(String topic, String type, String subject, Object data) {
        EventEnvelope envelope = EventCodec.envelope(type, "it", subject, data);
        try {
            producer.send(new ProducerRecord<>(prefix + topic, subject, EventCodec.write(envelope))).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return envelope;
    }

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            List<NewTopic> topics = List.of(Topics.P2P, Topics.PAYMENT, Topics.GIFT, Topics.WALLET, Topics.APP,
                    Topics.AUTH, Topics.MATRIX_INBOUND).stream().map(t -> new NewTopic(prefix + t, 3, (short) 1)).toList();
            admin.createTopics(topics).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes this test's topics. */
    @Override
    public void close() {
        producer.close();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            admin.deleteTopics(List.of(Topics.P2P, Topics.PAYMENT, Topics.GIFT, Topics.WALLET, Topics.APP, Topics.AUTH,
                    Topics.MATRIX_INBOUND).stream().map(t -> prefix + t).toList()).all().get();
        } catch (InterruptedException | ExecutionException e) {
            // topics left behind are harmless: their names are unique to this run
        }
    }
}
