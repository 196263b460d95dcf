package dev.tmcp.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.auth.clients.MiniAppRegistryClient.MiniApp;
import dev.tmcp.auth.clients.MiniAppRegistryClient.Scope;
import dev.tmcp.auth.oauth.OAuthException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeDecisionTest {

    private final MiniApp app = new MiniApp("ma_shop", "Shop", "public", "active",
            List.of(new Scope("user:read", true), new Scope("storage:write", true), new Scope("wallet:pay", false),
                    new Scope("wallet:admin", true)), "third_party", null, null, null, List.of());
    private final MiniApp official = new MiniApp("ma_wallet", "Wallet", "public", "active",
            List.of(new Scope("user:read", true), new Scope("wallet:admin", false)), "official", null, null, null, List.of());

    @Test
    void grantsRequestedPreApprovedScopesAndDefaultsToAllRegistered() {
        assertThat(ScopeDecision.decide("user:read", app, Set.of()).granted()).containsExactly("user:read");
        ScopeDecision.Result all = ScopeDecision.decide("user:read storage:write wallet:pay", app, Set.of());
        assertThat(all.granted()).containsExactly("user:read", "storage:write");
        assertThat(all.consentRequired()).containsExactly("wallet:pay");
    }

    @Test
    void neverGrantsAnUnregisteredOrMalformedScope() {
        assertThatThrownBy(() -> ScopeDecision.decide("user:read messaging:send", app, Set.of()))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body()).containsEntry("error", "invalid_scope");
                });
        assertThatThrownBy(() -> ScopeDecision.decide("USER READ", app, Set.of())).isInstanceOf(OAuthException.class);
    }

    @Test
    void privilegedScopesOnlyForOfficialAppsEvenWhenRegistered() {
        assertThatThrownBy(() -> ScopeDecision.decide("wallet:admin", app, Set.of()))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.body()).containsEntry("error", "invalid_scope");
                    assertThat(e.getMessage()).contains("official");
                });
        assertThat(ScopeDecision.decide("wallet:admin", official, Set.of()).consentRequired())
                .as("privileged scopes still need the user's consent (16.9)").containsExactly("wallet:admin");
    }

    @Test
    void sensitiveScopesNeedConsentUntilApproved() {
        ScopeDecision.Result before = ScopeDecision.decide("user:read wallet:pay", app, Set.of());
        assertThat(before.complete()).isFalse();
        assertThat(before.consentRequired()).containsExactly("wallet:pay");
        ScopeDecision.Result after = ScopeDecision.decide("user:read wallet:pay", app, Set.of("wallet:pay"));
        assertThat(after.complete()).isTrue();
        assertThat(after.granted()).containsExactly("user:read", "wallet:pay");
    }

    @Test
    void theValidationResultListsValidScopesAndEachDenialWithItsReason() {
        ScopeDecision.Result result = ScopeDecision.decide("user:read wallet:pay", app, Set.of());
        assertThat(result.validation()).containsEntry("valid", List.of("user:read"))
                .containsEntry("denied", List.of(java.util.Map.of("scope", "wallet:pay", "reason", "user_approval_required")))
                .containsEntry("consent_required", List.of("wallet:pay"));
    }

    @Test
    void unregisteredScopesAreDeniedAsNotRegistered() {
        assertThatThrownBy(() -> ScopeDecision.decide("user:read messaging:send wallet:pay", app, Set.of()))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.body())
                        .containsEntry("valid", List.of("user:read"))
                        .containsEntry("denied", List.of(
                                java.util.Map.of("scope", "messaging:send", "reason", "not_registered"),
                                java.util.Map.of("scope", "wallet:pay", "reason", "user_approval_required"))));
    }
}
