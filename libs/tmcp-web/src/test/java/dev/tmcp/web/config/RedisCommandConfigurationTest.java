package dev.tmcp.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.junit.jupiter.api.Test;

/** A Redis command has no observation to stop when it is cancelled, so it cannot hang its request. */
class RedisCommandConfigurationTest {

    @Test
    void redisCommandsAreNeitherTracedNorTimed() {
        DefaultClientResources.Builder builder = DefaultClientResources.builder();
        new TmcpWebAutoConfiguration.RedisCommandConfiguration().untimedRedisCommands().customize(builder);
        ClientResources resources = builder.build();
        try {
            assertThat(resources.tracing().isEnabled()).isFalse();
            assertThat(resources.commandLatencyRecorder().isEnabled()).isFalse();
        } finally {
            resources.shutdown();
        }
    }
}
