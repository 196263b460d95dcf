package dev.tmcp.bridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tmcp.test.Architecture;
import org.junit.jupiter.api.Test;

/** Layers: events, appservice, messaging and roomcontext over outgoing delivery, over the homeserver client. */
class ArchitectureTest {

    private static final String BASE = "dev.tmcp.bridge";
    private static final JavaClasses CLASSES = Architecture.productionClasses(BASE);

    @Test
    void featurePackagesAreFreeOfCycles() {
        Architecture.featurePackagesFreeOfCycles(BASE).check(CLASSES);
    }

    @Test
    void homeserverClientKnowsNoFeature() {
        noClasses().that().resideInAPackage(BASE + ".homeserver..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".outgoing..", BASE + ".events..",
                        BASE + ".appservice..", BASE + ".messaging..", BASE + ".roomcontext..",
                        BASE + ".registration..")
                .because("every feature talks to Matrix through the homeserver client, which knows none of them")
                .check(CLASSES);
    }

    @Test
    void deliveryKnowsNotWhatFeedsIt() {
        noClasses().that().resideInAPackage(BASE + ".outgoing..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".events..", BASE + ".appservice..",
                        BASE + ".messaging..", BASE + ".roomcontext..")
                .because("events, appservice and messaging queue room events; delivery knows none of them")
                .check(CLASSES);
    }
}
