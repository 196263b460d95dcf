package dev.tmcp.charts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Charts.containerEnv: the environment a service's rendered Deployment gives it, for reuse. */
class ContainerEnvTest {

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
