package dev.tmcp.payment.it;

import dev.tmcp.test.StackEnv;
import dev.tmcp.test.TestInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Settings for a payment-service under test on the running stack, for a test's {@code @DynamicPropertySource}. */
public final class PaymentServiceOnStack {

    private PaymentServiceOnStack() {
    }

    /**
     * Its own fresh database, the stack's Kafka (its own copy of {@code tmcp.matrix.inbound}), and
     * the stack's wallet-adapter with the service's secret.
     */
    public static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
        registry.add("tmcp.payment.wallet-adapter-url", () -> StackEnv.get("WALLET_ADAPTER_URL"));
        registry.add("tmcp.payment.service-secret", () -> StackEnv.get("TMCP_PAYMENT_SERVICE_SECRET"));
        // Never the suite's tmcp.matrix.inbound nor the running service's consumer group.
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        registry.add("tmcp.payment.room-cards.topic", () -> "it-" + run + ".tmcp.matrix.inbound");
        registry.add("tmcp.payment.room-cards.group-id", () -> "it-payment-" + run);
    }
}
