package dev.tmcp.bridge.it;

import dev.tmcp.test.StackEnv;
import dev.tmcp.test.TestInfrastructure;
import dev.tmcp.test.TestTeps;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A bridge in this JVM on a fresh database, acting as the stack's Application Service on the real
 * Synapse (same tokens), reading its own copies of the Kafka topics with its own consumer group.
 * Synapse keeps sending its AS transactions to the stack's bridge; tests that need one (an invite)
 * PUT it to this bridge exactly as Synapse would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
abstract class BridgeIntegrationTest {

    static final TestTeps TEPS = new TestTeps();

    static void bridge(DynamicPropertyRegistry registry, SuiteEvents events, String homeserverUrl) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
        registry.add("tmcp.bridge.as-token", () -> StackEnv.get("TMCP_AS_TOKEN"));
        registry.add("tmcp.bridge.hs-token", () -> StackEnv.get("TMCP_HS_TOKEN"));
        registry.add("tmcp.bridge.homeserver-url", () -> homeserverUrl);
        registry.add("tmcp.bridge.server-name", () -> Synapse.SERVER);
        registry.add("tmcp.bridge.registration-shared-secret", () -> StackEnv.get("SYNAPSE_REGISTRATION_SECRET"));
        registry.add("tmcp.bridge.kafka.topic-prefix", events::prefix);
        registry.add("tmcp.bridge.kafka.group-id", () -> "it-bridge-" + events.prefix());
        registry.add("tmcp.tep.jwks-uri", TEPS::jwksUri);
        registry.add("tmcp.tep.issuer", () -> TestTeps.ISSUER);
        registry.add("tmcp.bridge.delivery.poll-interval", () -> "100ms");
        registry.add("tmcp.platform.client-id", () -> StackEnv.get("TMCP_CONSOLE_CLIENT_ID"));
        registry.add("tmcp.platform.client-secret", () -> StackEnv.get("TMCP_CONSOLE_CLIENT_SECRET"));
    }

    static String localpart(String name) {
        return "it_" + name + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
