package dev.tmcp.appstore.checks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CspPolicyTest {

    @Test
    void aPolicyThatRestrictsScriptsAndFramingIsValidWithoutWarnings() {
        CspPolicy.Verdict verdict = CspPolicy.evaluate("default-src 'self'; script-src 'self' 'nonce-r4nd0m'; "
                + "frame-ancestors https://host.example");

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.warnings()).isEmpty();
    }

    @Test
    void noPolicyIsInvalid() {
        CspPolicy.Verdict verdict = CspPolicy.evaluate(null);

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.warnings()).extracting(CheckReport.Warning::type).containsExactly("CSP_MISSING");
    }

    @Test
    void scriptsFromAnywhereAreInvalid() {
        assertThat(CspPolicy.evaluate("script-src *; frame-ancestors 'self'").valid()).isFalse();
        assertThat(CspPolicy.evaluate("default-src https:; frame-ancestors 'self'").valid()).isFalse();
    }

    @Test
    void aPolicyWithoutScriptOrDefaultSourcesRestrictsNothing() {
        CspPolicy.Verdict verdict = CspPolicy.evaluate("img-src 'self'; frame-ancestors 'self'");

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.warnings()).extracting(CheckReport.Warning::type).containsExactly("CSP_NO_SCRIPT_SRC");
    }

    @Test
    void unsafeEvalAndUnhashedInlineScriptsAreWarnedAbout() {
        CspPolicy.Verdict verdict = CspPolicy.evaluate("script-src 'self' 'unsafe-eval' 'unsafe-inline'");

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.warnings()).extracting(CheckReport.Warning::type)
                .containsExactly("CSP_UNSAFE_EVAL", "CSP_UNSAFE_INLINE", "CSP_NO_FRAME_ANCESTORS");
    }

    @Test
    void inlineScriptsWithANonceAreNotWarnedAbout() {
        assertThat(CspPolicy.evaluate("script-src 'unsafe-inline' 'nonce-abc'; frame-ancestors 'self'").warnings()).isEmpty();
    }
}
