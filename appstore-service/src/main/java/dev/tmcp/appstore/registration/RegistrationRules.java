package dev.tmcp.appstore.registration;

import dev.tmcp.appstore.registry.MiniApp;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a registration request must satisfy before anything is stored: client type, URLs (HTTPS,
 * or plain HTTP on a loopback host for local development), scopes (syntax, privileged scopes of
 * 16.7 only for official apps), classification (16.2; {@code official} and {@code verified} only
 * for the platform). Which scopes are pre-approved follows the "User Approval" column of 5.2.
 */
final class RegistrationRules {

    static final Set<String> CLIENT_TYPES = Set.of("public", "confidential", "hybrid");
    static final Set<String> PLATFORM_ONLY_CLASSIFICATIONS = Set.of("official", "verified");
    static final Set<String> DEVELOPER_CLASSIFICATIONS = Set.of("community", "beta");
    /** Spec 5.2: the scopes granted without asking the user. */
    static final Set<String> PRE_APPROVED = Set.of("storage:read", "storage:write");
    private static final Pattern SCOPE = Pattern.compile("[a-z]+(:[a-z_]+)+");
    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");

    private RegistrationRules() {
    }

    record Checked(String clientType, String classification, List<String> redirectUris,
            List<MiniApp.RegisteredScope> scopes) {
    }

    static Checked check(RegistrationRequest request, boolean platform) {
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw invalid("name is required (at most 200 characters)");
        }
        String type = request.effectiveClientType();
        if (!CLIENT_TYPES.contains(type)) {
            throw invalid("client_type must be public, confidential or hybrid");
        }
        String classification = classification(request.classification(), platform);
        checkUpdate(new AppViews.Update(request.name(), request.shortName(), request.description(), request.category(),
                null, null, null));
        RegistrationRequest.Technical technical = request.technical();
        if (technical == null) {
            throw invalid("technical is required");
        }
        url("technical.entry_url", technical.entryUrl(), true);
        url("technical.webhook_url", technical.webhookUrl(), "hybrid".equals(type));
        List<String> redirects = technical.redirectUris() == null ? List.of() : technical.redirectUris();
        if (redirects.isEmpty() && !"confidential".equals(type)) {
            throw invalid("technical.redirect_uris is required for public and hybrid clients");
        }
        if (redirects.size() > 10) {
            throw invalid("technical.redirect_uris has at most 10 entries");
        }
        for (String uri : redirects) {
            url("technical.redirect_uris", uri, true);
        }
        java.util.Map<String, String> why = technical.scopeJustifications();
        if (why != null && (why.size() > 30 || why.values().stream().anyMatch(v -> v == null || v.length() > 500))) {
            throw invalid("technical.scope_justifications has at most 30 entries of at most 500 characters");
        }
        if (request.branding() != null && request.branding().primaryColor() != null
                && !COLOR.matcher(request.branding().primaryColor()).matches()) {
            throw invalid("branding.primary_color must be #RRGGBB");
        }
        if (request.branding() != null && request.branding().iconUrl() != null) {
            url("branding.icon_url", request.branding().iconUrl(), false);
        }
        return new Checked(type, classification, List.copyOf(new LinkedHashSet<>(redirects)),
                scopes(technical.scopesRequested(), "official".equals(classification)));
    }

    private static String classification(String requested, boolean platform) {
        if (requested == null) {
            return platform ? "official" : "community";
        }
        if (platform ? PLATFORM_ONLY_CLASSIFICATIONS.contains(requested) || DEVELOPER_CLASSIFICATIONS.contains(requested)
                : DEVELOPER_CLASSIFICATIONS.contains(requested)) {
            return requested;
        }
        if (PLATFORM_ONLY_CLASSIFICATIONS.contains(requested)) {
            throw new dev.tmcp.web.error.OAuthError(403, "insufficient_permissions",
                    "Classification '" + requested + "' is assigned only by the platform (spec 16.3)", Map.of());
        }
        throw invalid("classification must be one of official, verified, community, beta");
    }

    private static List<MiniApp.RegisteredScope> scopes(List<String> requested, boolean official) {
        if (requested == null || requested.isEmpty()) {
            throw invalid("technical.scopes_requested must name at least one scope");
        }
        if (requested.size() > 30) {
            throw invalid("technical.scopes_requested has at most 30 scopes");
        }
        List<MiniApp.RegisteredScope> scopes = new ArrayList<>();
        for (String scope : new LinkedHashSet<>(requested)) {
            if (scope == null || scope.length() > 80 || !SCOPE.matcher(scope).matches()) {
                throw new TmcpException(ErrorCode.INVALID_SCOPE, "Malformed scope '" + scope + "'");
            }
            if (MiniApp.PRIVILEGED_SCOPES.contains(scope) && !official) {
                throw new TmcpException(ErrorCode.INVALID_SCOPE, "Scope '" + scope + "' is reserved for official mini-apps");
            }
            scopes.add(new MiniApp.RegisteredScope(scope, PRE_APPROVED.contains(scope)));
        }
        return scopes;
    }

    /** The fields of {@code PATCH /mini-apps/v1/{id}}, by the rules of registration. */
    static void checkUpdate(AppViews.Update update) {
        if (update.name() != null && (update.name().isBlank() || update.name().length() > 200)) {
            throw invalid("name is at most 200 characters and not blank");
        }
        if (update.shortName() != null && update.shortName().length() > 60) {
            throw invalid("short_name is at most 60 characters");
        }
        if (update.description() != null && update.description().length() > 2000) {
            throw invalid("description is at most 2000 characters");
        }
        if (update.category() != null && (update.category().isBlank() || update.category().length() > 60)) {
            throw invalid("category is at most 60 characters and not blank");
        }
        if (update.branding() != null && update.branding().primaryColor() != null
                && !COLOR.matcher(update.branding().primaryColor()).matches()) {
            throw invalid("branding.primary_color must be #RRGGBB");
        }
        if (update.branding() != null) {
            url("branding.icon_url", update.branding().iconUrl(), false);
        }
        if (update.entryUrl() != null) {
            url("entry_url", update.entryUrl(), true);
        }
        if (update.redirectUris() != null) {
            if (update.redirectUris().isEmpty() || update.redirectUris().size() > 10) {
                throw invalid("redirect_uris has 1 to 10 entries");
            }
            update.redirectUris().forEach(uri -> url("redirect_uris", uri, true));
        }
    }

    private static void url(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw invalid(field + " is required");
            }
            return;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw invalid(field + " is not a valid URL");
        }
        boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
        boolean secure = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback;
        if (!secure || uri.getHost() == null || uri.getFragment() != null || value.length() > 2000) {
            throw invalid(field + " must be an absolute https URL without a fragment");
        }
    }

    private static TmcpException invalid(String message) {
        return new TmcpException(ErrorCode.INVALID_REQUEST, message);
    }
}
