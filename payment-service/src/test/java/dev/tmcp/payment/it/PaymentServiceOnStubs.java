package dev.tmcp.payment.it;

import dev.tmcp.test.TestInfrastructure;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Settings for a payment-service under test, for a test's {@code @DynamicPropertySource}: its own
 * fresh database, real Kafka and Redis ({@link TestInfrastructure}), and {@code stub} in place of
 * auth-service, wallet-adapter and matrix-bridge, with the service's secrets the stub expects.
 */
public final class PaymentServiceOnStubs {

    private PaymentServiceOnStubs() {
    }

    public static void infrastructure(DynamicPropertyRegistry registry, StubWalletAndBridge stub) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
        registry.add("tmcp.tep.jwks-uri", stub::jwksUri);
        registry.add("tmcp.tep.issuer", () -> StubWalletAndBridge.ISSUER);
        registry.add("tmcp.payment.wallet-adapter-url", stub::url);
        registry.add("tmcp.payment.matrix-bridge-url", stub::url);
        registry.add("tmcp.payment.auth-service-url", stub::url);
        registry.add("tmcp.payment.service-secret", () -> StubWalletAndBridge.SERVICE_SECRET);
        registry.add("tmcp.payment.wallet-callback-secret", () -> "stub-wallet-callback-secret-0123456789");
        // Never the suite's tmcp.matrix.inbound nor the running service's consumer group.
        String run = UUID.randomUUID().toString().substring(0, 8);
        registry.add("tmcp.payment.room-cards.topic", () -> "it-" + run + ".tmcp.matrix.inbound");
        registry.add("tmcp.payment.room-cards.group-id", () -> "it-payment-" + run);
    }
}
