package dev.tmcp.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tmcp.test.Architecture;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** Layers: platform and revocation on top of the token flows; session (the TEP session store) below them. */
class ArchitectureTest {

    private static final String BASE = "dev.tmcp.auth";
    private static final JavaClasses CLASSES = Architecture.productionClasses(BASE);

    @Test
    @Disabled("7 cycles through token: it holds OAuthException, Forms, ServiceTokens and TokenSigner, which clients,"
            + " consent, subject and developer use, and the flows that use them (issue 16)")
    void featurePackagesAreFreeOfCycles() {
        Architecture.featurePackagesFreeOfCycles(BASE).check(CLASSES);
    }

    @Test
    void flowsKnowNoRevocationOrAdmin() {
        noClasses().that().resideInAnyPackage(BASE + ".token..", BASE + ".clients..", BASE + ".consent..",
                        BASE + ".developer..", BASE + ".keycloak..", BASE + ".keys..", BASE + ".session..",
                        BASE + ".subject..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".revocation..", BASE + ".platform..")
                .because("revocation and the admin endpoints act on sessions, consents and keys, never the reverse")
                .check(CLASSES);
    }

    @Test
    void sessionsKnowNoFeature() {
        noClasses().that().resideInAPackage(BASE + ".session..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".token..", BASE + ".clients..",
                        BASE + ".consent..", BASE + ".developer..", BASE + ".keycloak..", BASE + ".keys..",
                        BASE + ".subject..", BASE + ".revocation..", BASE + ".platform..")
                .because("the TEP session store is written by the token flows and read by revocation; it knows neither")
                .check(CLASSES);
    }
}
