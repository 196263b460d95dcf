package dev.tmcp.auth.token;

import dev.tmcp.auth.clients.MiniAppRegistryClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scope authorization of spec 5.5 / 4.3.1 step 3: syntax, registered for the mini-app, never
 * escalated, and sensitive (not pre-approved) scopes only with the user's consent.
 */
final class ScopeDecision {

    private static final Pattern SCOPE = Pattern.compile("[a-z]+(:[a-z_]+)+");

    private ScopeDecision() {
    }

    static List<String> grant(String requested, MiniAppRegistryClient.MiniApp app, Set<String> consented) {
        Map<String, Boolean> registered = new java.util.HashMap<>();
        app.scopes().forEach(s -> registered.put(s.scope(), s.preApproved()));
        Set<String> wanted = requested == null || requested.isBlank()
                ? new LinkedHashSet<>(registered.keySet())
                : new LinkedHashSet<>(Arrays.asList(requested.trim().split("\\s+")));
        List<String> needConsent = new ArrayList<>();
        List<String> preApproved = new ArrayList<>();
        for (String scope : wanted) {
            if (!SCOPE.matcher(scope).matches()) {
                throw OAuthException.invalidScope("Malformed scope '" + scope + "'");
            }
            Boolean pre = registered.get(scope);
            if (pre == null) {
                throw OAuthException.invalidScope("Requested scope '" + scope + "' not registered for this mini-app");
            }
            if (pre || consented.contains(scope)) {
                preApproved.add(scope);
            } else {
                needConsent.add(scope);
            }
        }
        if (!needConsent.isEmpty()) {
            throw new OAuthException(403, "consent_required", "User must approve sensitive scopes",
                    Map.of("consent_required_scopes", needConsent, "pre_approved_scopes", preApproved));
        }
        return preApproved;
    }
}
