package dev.tmcp.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tmcp.test.Architecture;
import org.junit.jupiter.api.Test;

/**
 * Layers: platform and revocation on top of the token flows; session (the TEP session store) and oauth (the
 * OAuth building blocks) below them.
 */
class ArchitectureTest {

    private static final String BASE = "dev.tmcp.auth";
    private static final JavaClasses CLASSES = Architecture.productionClasses(BASE);

    @Test
    void featurePackagesAreFreeOfCycles() {
        Architecture.featurePackagesFreeOfCycles(BASE).check(CLASSES);
    }

    @Test
    void flowsKnowNoRevocationOrAdmin() {
        noClasses().that().resideInAnyPackage(BASE + ".token..", BASE + ".clients..", BASE + ".consent..",
                        BASE + ".developer..", BASE + ".keycloak..", BASE + ".keys..", BASE + ".oauth..", BASE + ".session..",
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

    @Test
    void theOAuthBuildingBlocksKnowNoFlow() {
        noClasses().that().resideInAPackage(BASE + ".oauth..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".token..", BASE + ".clients..",
                        BASE + ".consent..", BASE + ".developer..", BASE + ".subject..", BASE + ".session..")
                .because("errors, forms, single-use tokens and signing are what every flow uses; they know none")
                .check(CLASSES);
    }
}
