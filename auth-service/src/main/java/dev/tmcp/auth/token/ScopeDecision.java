package dev.tmcp.auth.token;

import dev.tmcp.auth.clients.MiniAppRegistryClient;
import dev.tmcp.auth.oauth.OAuthException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scope authorization of spec 5.5 / 4.3.1 step 3 / 16.7: syntax, registered for the mini-app,
 * never escalated, privileged scopes only for official apps, and sensitive (not pre-approved)
 * scopes only with the user's consent.
 */
final class ScopeDecision {

    /** Spec 16.7: scopes only official apps may hold. */
    static final Set<String> PRIVILEGED = Set.of("system:notifications", "wallet:admin", "messaging:broadcast",
            "analytics:detailed");
    private static final Pattern SCOPE = Pattern.compile("[a-z]+(:[a-z_]+)+");

    /** Scopes granted now, and the sensitive ones still waiting for the user's consent. */
    record Result(List<String> granted, List<String> consentRequired) {

        boolean complete() {
            return consentRequired.isEmpty();
        }

        /** The validation result of spec 5.5: {@code valid}, {@code denied} with reasons, {@code consent_required}. */
        Map<String, Object> validation() {
            return ScopeDecision.validation(granted, consentRequired, List.of());
        }
    }

    static final String USER_APPROVAL_REQUIRED = "user_approval_required";
    static final String NOT_REGISTERED = "not_registered";

    static Map<String, Object> validation(List<String> valid, List<String> needConsent, List<String> notRegistered) {
        List<Map<String, String>> denied = new ArrayList<>();
        notRegistered.forEach(s -> denied.add(Map.of("scope", s, "reason", NOT_REGISTERED)));
        needConsent.forEach(s -> denied.add(Map.of("scope", s, "reason", USER_APPROVAL_REQUIRED)));
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("valid", List.copyOf(valid));
        result.put("denied", denied);
        result.put("consent_required", List.copyOf(needConsent));
        return result;
    }

    private ScopeDecision() {
    }

    static Result decide(String requested, MiniAppRegistryClient.MiniApp app, Set<String> consented) {
        Map<String, Boolean> registered = new HashMap<>();
        app.scopes().forEach(s -> registered.put(s.scope(), s.preApproved()));
        Set<String> wanted = requested == null || requested.isBlank()
                ? new LinkedHashSet<>(app.scopes().stream().map(MiniAppRegistryClient.Scope::scope).toList())
                : new LinkedHashSet<>(Arrays.asList(requested.trim().split("\\s+")));
        List<String> needConsent = new ArrayList<>();
        List<String> granted = new ArrayList<>();
        List<String> notRegistered = new ArrayList<>();
        for (String scope : wanted) {
            if (!SCOPE.matcher(scope).matches()) {
                throw OAuthException.invalidScope("Malformed scope '" + scope + "'");
            }
            if (PRIVILEGED.contains(scope) && !app.official()) {
                throw OAuthException.invalidScope("Scope '" + scope + "' is reserved for official mini-apps");
            }
            Boolean pre = registered.get(scope);
            if (pre == null) {
                notRegistered.add(scope);
            } else if (pre || consented.contains(scope)) {
                granted.add(scope);
            } else {
                needConsent.add(scope);
            }
        }
        if (!notRegistered.isEmpty()) {
            throw new OAuthException(400, "invalid_scope", "Requested scope '" + notRegistered.get(0)
                    + "' not registered for this mini-app", validation(granted, needConsent, notRegistered));
        }
        return new Result(granted, needConsent);
    }
}
