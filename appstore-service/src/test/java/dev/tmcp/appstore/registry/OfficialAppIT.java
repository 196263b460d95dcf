package dev.tmcp.appstore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.test.TestInfrastructure;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The seeded official wallet app, and privileged scopes (16.7) refused to every other app, on real PostgreSQL. */
@SpringBootTest(properties = {"tmcp.outbox.relay.enabled=false", "spring.kafka.listener.auto-startup=false",
        "tmcp.tep.jwks-uri=http://127.0.0.1:1/unused", "tmcp.appstore.demo-app.enabled=false",
        "tmcp.platform.client-id=console_it", "tmcp.platform.client-secret=console-it-secret-0123456789",
        "tmcp.appstore.official-app.client-id=ma_official_it", "tmcp.appstore.demo-app.client-id=ma_demo_it"})
class OfficialAppIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
        registry.add("tmcp.appstore.registration.secret-key",
                () -> java.util.Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B'));
    }

    @Autowired
    DemoMiniAppSeeder seeder;
    @Autowired
    MiniAppRegistry registry;

    @Test
    void theLocalStackSeedsTheOfficialWalletAppWithWalletAdminPreApproved() {
        seeder.seedAll().block();

        MiniApp official = registry.find("ma_official_it").block();
        assertThat(official.classification()).isEqualTo(MiniApp.OFFICIAL);
        assertThat(official.status()).isEqualTo("active");
        assertThat(official.scopes()).contains(new MiniApp.RegisteredScope("wallet:admin", true),
                new MiniApp.RegisteredScope("wallet:pay", true));
        assertThat(registry.find("ma_demo_it").block().scopes()).extracting(MiniApp.RegisteredScope::scope)
                .doesNotContain("wallet:admin");
    }

    @Test
    void aThirdPartyAppCannotBeRegisteredWithAPrivilegedScope() {
        String id = "ma_third_" + UUID.randomUUID().toString().substring(0, 8);

        assertThatThrownBy(() -> registry.registerIfAbsent(app(id, MiniApp.THIRD_PARTY, "wallet:pay", "wallet:admin")).block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SCOPE));
        assertThat(registry.find(id).onErrorResume(e -> reactor.core.publisher.Mono.empty()).block()).isNull();
    }

    @Test
    void anExistingThirdPartyAppCannotGainAPrivilegedScopeByClaimingToBeOfficial() {
        String id = "ma_third_" + UUID.randomUUID().toString().substring(0, 8);
        registry.registerIfAbsent(app(id, MiniApp.THIRD_PARTY, "wallet:pay")).block();

        assertThatThrownBy(() -> registry.registerIfAbsent(app(id, MiniApp.OFFICIAL, "wallet:pay", "wallet:admin")).block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SCOPE));
        assertThat(registry.find(id).block().scopes()).extracting(MiniApp.RegisteredScope::scope).containsExactly("wallet:pay");
    }

    private static MiniApp app(String id, String classification, String... scopes) {
        return new MiniApp(id, "App " + id, "public", "active", List.of("https://app.example/cb"),
                java.util.Arrays.stream(scopes).map(s -> new MiniApp.RegisteredScope(s, false)).toList(), classification);
    }
}
