package dev.tmcp.appstore.checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges a {@code Content-Security-Policy} header as Appendix C expects of a mini-app: scripts
 * restricted ({@code script-src} or {@code default-src}, no wildcard source), no {@code 'unsafe-eval'},
 * no {@code 'unsafe-inline'} scripts without a nonce or hash, and {@code frame-ancestors} naming who
 * may embed the app.
 */
final class CspPolicy {

    private CspPolicy() {
    }

    /** Whether the policy is acceptable, and what was found. */
    record Verdict(boolean valid, List<CheckReport.Warning> warnings) {
    }

    static Verdict evaluate(String header) {
        List<CheckReport.Warning> warnings = new ArrayList<>();
        if (header == null || header.isBlank()) {
            warnings.add(warning("CSP_MISSING", "high", "The entry URL sends no Content-Security-Policy header"));
            return new Verdict(false, warnings);
        }
        Map<String, List<String>> directives = parse(header);
        List<String> scripts = directives.containsKey("script-src") ? directives.get("script-src") : directives.get("default-src");
        boolean valid = true;
        if (scripts == null) {
            warnings.add(warning("CSP_NO_SCRIPT_SRC", "high", "The policy restricts no scripts (no script-src or default-src)"));
            valid = false;
        } else {
            if (scripts.stream().anyMatch(s -> s.equals("*") || s.equals("http:") || s.equals("https:") || s.equals("data:"))) {
                warnings.add(warning("CSP_WILDCARD_SCRIPTS", "high", "Scripts may load from any origin"));
                valid = false;
            }
            if (scripts.contains("'unsafe-eval'")) {
                warnings.add(warning("CSP_UNSAFE_EVAL", "medium", "'unsafe-eval' lets strings run as code"));
            }
            boolean nonceOrHash = scripts.stream().anyMatch(s -> s.startsWith("'nonce-") || s.startsWith("'sha"));
            if (scripts.contains("'unsafe-inline'") && !nonceOrHash) {
                warnings.add(warning("CSP_UNSAFE_INLINE", "medium", "Inline scripts run without a nonce or hash"));
            }
        }
        if (!directives.containsKey("frame-ancestors")) {
            warnings.add(warning("CSP_NO_FRAME_ANCESTORS", "low", "frame-ancestors does not say which hosts may embed the app"));
        }
        return new Verdict(valid, warnings);
    }

    private static Map<String, List<String>> parse(String header) {
        Map<String, List<String>> directives = new LinkedHashMap<>();
        for (String part : header.split(";")) {
            String[] tokens = part.trim().split("\\s+");
            if (tokens.length == 0 || tokens[0].isEmpty()) {
                continue;
            }
            directives.putIfAbsent(tokens[0].toLowerCase(Locale.ROOT),
                    Arrays.stream(tokens).skip(1).map(t -> t.toLowerCase(Locale.ROOT).startsWith("'nonce-")
                            || t.toLowerCase(Locale.ROOT).startsWith("'sha") ? t : t.toLowerCase(Locale.ROOT)).toList());
        }
        return directives;
    }

    private static CheckReport.Warning warning(String type, String severity, String message) {
        return new CheckReport.Warning(type, "entry_url", severity, message);
    }
}
