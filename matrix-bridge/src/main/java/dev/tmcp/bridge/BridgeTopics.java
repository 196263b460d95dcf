package dev.tmcp.bridge;

import dev.tmcp.core.event.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Kafka topics the bridge reads and writes, and its consumer group. {@code topicPrefix} is
 * empty in a deployment; it lets a test (or a shared cluster) run a bridge on its own copies of the
 * topics without touching anyone else's events.
 */
@Component("bridgeTopics")
public class BridgeTopics {

    private final String topicPrefix;
    private final String groupId;

    BridgeTopics(@Value("${tmcp.bridge.kafka.topic-prefix:}") String topicPrefix,
            @Value("${tmcp.bridge.kafka.group-id:matrix-bridge}") String groupId) {
        this.topicPrefix = topicPrefix;
        this.groupId = groupId;
    }

    public String groupId() {
        return groupId;
    }

    /** The domain topics whose events become room events. */
    public String[] consumed() {
        return new String[] {name(Topics.P2P), name(Topics.PAYMENT), name(Topics.GIFT), name(Topics.WALLET),
                name(Topics.APP), name(Topics.AUTH)};
    }

    public String inbound() {
        return name(Topics.MATRIX_INBOUND);
    }

    public String name(String topic) {
        return topicPrefix + topic;
    }
}
