package dev.tmcp.bridge.it;

import dev.tmcp.test.ServiceProcess;
import dev.tmcp.test.StackEnv;
import dev.tmcp.test.TestInfrastructure;
import java.util.HashMap;
import java.util.Map;

/**
 * The built bridge jar run as its own OS process ({@link ServiceProcess}), on a free loopback port
 * and a fresh database, reading the test's own topics, so a test can kill it with SIGKILL and start
 * it again.
 */
final class BridgeProcess implements AutoCloseable {

    private final ServiceProcess process;
    private final Map<String, String> env;

    BridgeProcess(SuiteEvents events) {
        Map<String, String> db = new HashMap<>();
        TestInfrastructure.database((name, value) -> db.put(name, String.valueOf(value.get())));
        String url = db.get("spring.r2dbc.url");
        Map<String, String> env = new HashMap<>();
        env.put("TMCP_DB_HOST", StackEnv.get("TMCP_DB_HOST"));
        env.put("TMCP_DB_PORT", StackEnv.get("TMCP_DB_PORT"));
        env.put("TMCP_DB_USER", StackEnv.get("TMCP_DB_USER"));
        env.put("TMCP_DB_PASSWORD", StackEnv.get("TMCP_DB_PASSWORD"));
        env.put("TMCP_DB_NAME", url.substring(url.lastIndexOf('/') + 1));
        env.put("KAFKA_BOOTSTRAP_SERVERS", SuiteEvents.BOOTSTRAP);
        env.put("REDIS_URL", db.get("spring.data.redis.url"));
        env.put("TMCP_AS_TOKEN", StackEnv.get("TMCP_AS_TOKEN"));
        env.put("TMCP_HS_TOKEN", StackEnv.get("TMCP_HS_TOKEN"));
        env.put("SYNAPSE_URL", Synapse.URL);
        env.put("SYNAPSE_SERVER_NAME", Synapse.SERVER);
        env.put("SYNAPSE_REGISTRATION_SECRET", StackEnv.get("SYNAPSE_REGISTRATION_SECRET"));
        env.put("TMCP_CONSOLE_CLIENT_ID", StackEnv.get("TMCP_CONSOLE_CLIENT_ID"));
        env.put("TMCP_CONSOLE_CLIENT_SECRET", StackEnv.get("TMCP_CONSOLE_CLIENT_SECRET"));
        env.put("TMCP_BRIDGE_TOPIC_PREFIX", events.prefix());
        env.put("TMCP_BRIDGE_GROUP_ID", "it-bridge-" + events.prefix());
        env.put("TMCP_BRIDGE_POLL_INTERVAL", "100ms");
        // A killed bridge's partitions and claimed room heads pass on once its Kafka session (45 s by
        // default) and its leases (60 s) run out: shorter here, so a kill costs the test seconds.
        env.put("SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", "10000");
        env.put("SPRING_KAFKA_CONSUMER_PROPERTIES_HEARTBEAT_INTERVAL_MS", "3000");
        env.put("TMCP_BRIDGE_DELIVERY_LEASE", "20s");
        this.env = env;
        process = ServiceProcess.withOnly("matrix-bridge", env);
        process.env("MATRIX_BRIDGE_URL", process.url());
    }

    private BridgeProcess(Map<String, String> env) {
        this.env = env;
        process = ServiceProcess.withOnly("matrix-bridge", env);
        process.env("MATRIX_BRIDGE_URL", process.url());
    }

    /** Another replica of this bridge: the same database, topics and consumer group, its own port. */
    BridgeProcess replica() {
        return new BridgeProcess(new HashMap<>(env));
    }

    String url() {
        return process.url();
    }

    void start() {
        process.start();
    }

    void startIfStopped() {
        if (!process.isRunning()) {
            process.start();
        }
    }

    /** SIGKILL: no shutdown hook, no graceful stop, whatever was in flight is cut. */
    void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
