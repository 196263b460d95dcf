package dev.tmcp.bridge.it;

import dev.tmcp.test.StackEnv;
import dev.tmcp.test.TestInfrastructure;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The built bridge jar run as its own OS process, on a free loopback port and a fresh database,
 * reading the test's own topics, so a test can kill it with SIGKILL and start it again.
 */
final class BridgeProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Map<String, String> env = new HashMap<>();
    private final int port;
    private Process process;
    private int starts;

    BridgeProcess(SuiteEvents events) {
        Map<String, String> db = new HashMap<>();
        TestInfrastructure.database((name, value) -> db.put(name, String.valueOf(value.get())));
        String url = db.get("spring.r2dbc.url");
        port = freePort();
        env.put("TMCP_DB_HOST", StackEnv.get("TMCP_DB_HOST"));
        env.put("TMCP_DB_PORT", StackEnv.get("TMCP_DB_PORT"));
        env.put("TMCP_DB_USER", StackEnv.get("TMCP_DB_USER"));
        env.put("TMCP_DB_PASSWORD", StackEnv.get("TMCP_DB_PASSWORD"));
        env.put("TMCP_DB_NAME", url.substring(url.lastIndexOf('/') + 1));
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", SuiteEvents.BOOTSTRAP);
        env.put("REDIS_URL", db.get("spring.data.redis.url"));
        env.put("TMCP_AS_TOKEN", StackEnv.get("TMCP_AS_TOKEN"));
        env.put("TMCP_HS_TOKEN", StackEnv.get("TMCP_HS_TOKEN"));
        env.put("SYNAPSE_URL", Synapse.URL);
        env.put("SYNAPSE_SERVER_NAME", Synapse.SERVER);
        env.put("SYNAPSE_REGISTRATION_SECRET", StackEnv.get("SYNAPSE_REGISTRATION_SECRET"));
        env.put("TMCP_BRIDGE_TOPIC_PREFIX", events.prefix());
        env.put("TMCP_BRIDGE_GROUP_ID", "it-bridge-" + events.prefix());
        env.put("TMCP_BRIDGE_POLL_INTERVAL", "100ms");
        env.put("MATRIX_BRIDGE_URL", url());
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void start() {
        starts++;
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-jar", "target/matrix-bridge.jar")
                .redirectErrorStream(true)
                .redirectOutput(new File("target/bridge-process-" + port + "-" + starts + ".log"));
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(Duration.ofSeconds(90));
    }

    /** SIGKILL: no shutdown hook, no graceful stop, whatever was in flight is cut. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the bridge process exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        }
        throw new IllegalStateException("the bridge process was not ready within " + timeout);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
