package dev.tmcp.payment.payment;

import dev.tmcp.test.StackEnv;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The wallet-adapter the payment ITs talk to: the stack's own when it already serves the MFA
 * interface; otherwise this worktree's build, started as one more replica of the stack's
 * wallet-adapter (same database, Redis and keys), so a branch can be tested before the stack runs it.
 */
final class WalletAdapterUnderTest {

    private static String url;
    private static Process replica;

    private WalletAdapterUnderTest() {
    }

    static synchronized String url() {
        if (url != null) {
            return url;
        }
        String stack = StackEnv.get("WALLET_ADAPTER_URL");
        if (Http.post(stack + "/internal/v1/mfa/challenges", null, Map.of()).status() != 404) {
            return url = stack;
        }
        Path jar = Path.of("..", "wallet-adapter", "target", "wallet-adapter.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The stack's wallet-adapter has no MFA interface and " + jar
                    + " is missing: build it with ./mvnw -pl payment-service,wallet-adapter -am install -DskipTests");
        }
        return url = start(jar);
    }

    private static String start(Path jar) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString()));
            Map<String, String> env = builder.environment();
            for (String key : List.of("TMCP_DB_HOST", "TMCP_DB_PORT", "TMCP_DB_USER", "TMCP_DB_PASSWORD", "REDIS_URL",
                    "KAFKA_BOOTSTRAP_SERVERS", "AUTH_SERVICE_URL", "TMCP_ISSUER", "MATRIX_BRIDGE_URL",
                    "TMCP_SANDBOX_ENABLED", "TMCP_PAYMENT_SERVICE_SECRET")) {
                StackEnv.find(key).ifPresent(value -> env.put(key, value));
            }
            env.put("SERVER_PORT", Integer.toString(port));
            env.put("MANAGEMENT_SERVER_PORT", Integer.toString(port));
            File log = new File("target/wallet-adapter-replica.log");
            builder.redirectErrorStream(true).redirectOutput(log);
            replica = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(replica::destroy));
            String base = "http://127.0.0.1:" + port;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (Instant.now().isBefore(deadline)) {
                if (!replica.isAlive()) {
                    throw new IllegalStateException("wallet-adapter replica exited, see " + log.getAbsolutePath());
                }
                try {
                    if (Http.get(base + "/actuator/health/readiness", null).status() == 200) {
                        return base;
                    }
                } catch (IllegalStateException notYet) {
                    // not listening yet
                }
                Thread.sleep(1000);
            }
            throw new IllegalStateException("wallet-adapter replica not ready after 120 s, see " + log.getAbsolutePath());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
