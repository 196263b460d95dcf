package dev.tmcp.appstore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tmcp.test.Architecture;
import org.junit.jupiter.api.Test;

/** Layers: the features over access (who may act) and outbound (guarded HTTP); webhooks below release and review. */
class ArchitectureTest {

    private static final String BASE = "dev.tmcp.appstore";
    private static final JavaClasses CLASSES = Architecture.productionClasses(BASE);

    @Test
    void featurePackagesAreFreeOfCycles() {
        Architecture.featurePackagesFreeOfCycles(BASE).check(CLASSES);
    }

    @Test
    void accessAndOutboundKnowNoFeature() {
        noClasses().that().resideInAnyPackage(BASE + ".access..", BASE + ".outbound..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".bootstrap..", BASE + ".capability..",
                        BASE + ".checks..", BASE + ".install..", BASE + ".launch..", BASE + ".registration..",
                        BASE + ".registry..", BASE + ".release..", BASE + ".review..", BASE + ".store..",
                        BASE + ".webhook..")
                .because("every feature checks access and fetches through the guarded client; those know no feature")
                .check(CLASSES);
    }

    @Test
    void webhooksKnowNotWhoFiresThem() {
        noClasses().that().resideInAPackage(BASE + ".webhook..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".release..", BASE + ".review..")
                .because("releases and reviews fire lifecycle webhooks; the webhooks know neither")
                .check(CLASSES);
    }
}
