package dev.tmcp.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.auth.clients.MiniAppRegistryClient.MiniApp;
import dev.tmcp.auth.clients.MiniAppRegistryClient.Scope;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeDecisionTest {

    private final MiniApp app = new MiniApp("ma_shop", "Shop", "public", "active",
            List.of(new Scope("user:read", true), new Scope("storage:write", true), new Scope("wallet:pay", false)));

    @Test
    void grantsRequestedPreApprovedScopesAndDefaultsToThem() {
        assertThat(ScopeDecision.grant("user:read", app, Set.of())).containsExactly("user:read");
        assertThatThrownBy(() -> ScopeDecision.grant(null, app, Set.of()))
                .as("the default includes every registered scope, so the sensitive one needs consent")
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void neverGrantsAnUnregisteredOrMalformedScope() {
        assertThatThrownBy(() -> ScopeDecision.grant("user:read wallet:admin", app, Set.of()))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body()).containsEntry("error", "invalid_scope");
                });
        assertThatThrownBy(() -> ScopeDecision.grant("USER READ", app, Set.of())).isInstanceOf(OAuthException.class);
    }

    @Test
    void sensitiveScopesNeedConsentAndSayWhich() {
        assertThatThrownBy(() -> ScopeDecision.grant("user:read wallet:pay", app, Set.of()))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.body()).containsEntry("error", "consent_required");
                    assertThat(e.body().get("consent_required_scopes")).isEqualTo(List.of("wallet:pay"));
                    assertThat(e.body().get("pre_approved_scopes")).isEqualTo(List.of("user:read"));
                });
        assertThat(ScopeDecision.grant("user:read wallet:pay", app, Set.of("wallet:pay")))
                .containsExactly("user:read", "wallet:pay");
    }
}
