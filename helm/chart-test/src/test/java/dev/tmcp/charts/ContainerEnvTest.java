package dev.tmcp.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Charts.containerEnv: the environment a service's rendered Deployment gives it, for reuse. Also
 * writes target/container-env/&lt;service&gt;.env (KEY='value' lines, shell-sourceable) with the
 * Secret's name and required keys as comments, to start a service with exactly that environment.
 */
class ContainerEnvTest {

    @Test
    void writesEachServicesEnvironmentAsAFile() throws IOException {
        Path dir = Path.of("target", "container-env").toAbsolutePath();
        Files.createDirectories(dir);
        for (String service : Charts.SERVICES) {
            Charts.ContainerEnv env = Charts.containerEnv(service, null);
            List<String> lines = new ArrayList<>();
            lines.add("# " + service + ": the env of its container as helm/" + service + " renders it with its defaults.");
            lines.add("# envFrom Secret " + env.secretName() + (env.secretOptional() ? " (optional)" : "")
                    + ", required keys: " + String.join(" ", env.secretKeys()));
            env.env().forEach((name, value) -> lines.add(name + "='" + value.replace("'", "'\\''") + "'"));
            Path file = dir.resolve(service + ".env");
            Files.write(file, lines);
            assertThat(Files.readAllLines(file)).hasSize(env.env().size() + 2);
        }
    }

    @Test
    void givesTheRenderedEnvironmentAndTheSecret() {
        Charts.ContainerEnv payment = Charts.containerEnv("payment-service", null);
        assertThat(payment.env()).containsEntry("SERVER_ADDRESS", "0.0.0.0").containsEntry("SERVER_PORT", "8083")
                .containsEntry("MATRIX_BRIDGE_URL", "http://matrix-bridge:8086")
                .containsEntry("REDIS_URL", "redis://redis:6379")
                .doesNotContainKey("TMCP_PAYMENT_SERVICE_SECRET");
        assertThat(payment.secretName()).isEqualTo("tmcp-payment-service");
        assertThat(payment.secretOptional()).isFalse();
        assertThat(payment.secretKeys()).containsExactly("TMCP_DB_PASSWORD", "TMCP_WALLET_CALLBACK_SECRET", "TMCP_PAYMENT_SERVICE_SECRET");

        Charts.ContainerEnv gateway = Charts.containerEnv("gateway", "env: {REDIS_URL: null}\n");
        assertThat(gateway.env()).containsEntry("MANAGEMENT_PORT", "8090").containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0")
                .doesNotContainKey("REDIS_URL");
        assertThat(gateway.secretOptional()).isTrue();
        assertThat(gateway.secretKeys()).isEmpty();
    }
}
