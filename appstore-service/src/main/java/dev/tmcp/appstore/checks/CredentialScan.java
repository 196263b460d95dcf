package dev.tmcp.appstore.checks;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Looks for credentials written into what a developer registered (spec 9.3.1, third static check):
 * secrets by their well-known shapes (this suite's own, cloud and chat keys, private keys, JWTs),
 * and URLs that carry a user name, password or a token in their query.
 */
final class CredentialScan {

    private static final Map<String, Pattern> SHAPES = Map.of(
            "a TMCP secret", Pattern.compile("\\b(secret|whsec)_[A-Za-z0-9_-]{16,}"),
            "a payment API key", Pattern.compile("\\b[sr]k_(live|test)_[A-Za-z0-9]{10,}"),
            "an AWS access key", Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"),
            "a private key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            "a JSON Web Token", Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\."),
            "a GitHub token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}"),
            "a Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"));
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(^|&)(access_token|token|api_key|apikey|key|secret|client_secret|password|passwd|pwd|auth)=[^&]+",
            Pattern.CASE_INSENSITIVE);

    private CredentialScan() {
    }

    /** One warning per field and finding; none when the fields are clean. */
    static List<CheckReport.Warning> findings(Map<String, String> fields) {
        List<CheckReport.Warning> warnings = new ArrayList<>();
        fields.forEach((field, value) -> {
            if (value == null || value.isEmpty()) {
                return;
            }
            SHAPES.forEach((what, shape) -> {
                if (shape.matcher(value).find()) {
                    warnings.add(new CheckReport.Warning("HARDCODED_CREDENTIAL", field, "high",
                            "Looks like " + what + ": rotate it and remove it from the registration"));
                }
            });
            if (looksLikeUrl(value)) {
                url(field, value, warnings);
            }
        });
        return warnings;
    }

    private static void url(String field, String value, List<CheckReport.Warning> warnings) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (java.net.URISyntaxException e) {
            return;
        }
        if (uri.getRawUserInfo() != null) {
            warnings.add(new CheckReport.Warning("CREDENTIAL_IN_URL", field, "high", "The URL carries a user name or password"));
        }
        if (uri.getRawQuery() != null && SECRET_PARAMETER.matcher(uri.getRawQuery()).find()) {
            warnings.add(new CheckReport.Warning("CREDENTIAL_IN_URL", field, "high", "The URL's query carries a token or key"));
        }
    }

    private static boolean looksLikeUrl(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.startsWith("https://") || v.startsWith("http://");
    }
}
