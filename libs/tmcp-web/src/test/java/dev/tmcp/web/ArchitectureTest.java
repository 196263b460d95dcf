package dev.tmcp.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tmcp.test.Architecture;
import org.junit.jupiter.api.Test;

/** Layers: config (the auto-configuration) over every feature; outbox and retention over jobs. */
class ArchitectureTest {

    private static final String BASE = "dev.tmcp.web";
    private static final JavaClasses CLASSES = Architecture.productionClasses(BASE);

    @Test
    void featurePackagesAreFreeOfCycles() {
        Architecture.featurePackagesFreeOfCycles(BASE).check(CLASSES);
    }

    @Test
    void featuresKnowNoAutoConfiguration() {
        noClasses().that().resideOutsideOfPackage(BASE + ".config..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".config..")
                .because("the auto-configuration wires the features; they never reach back into it")
                .check(CLASSES);
    }

    @Test
    void jobsKnowNoOutboxOrRetention() {
        noClasses().that().resideInAPackage(BASE + ".jobs..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".outbox..", BASE + ".retention..")
                .because("the outbox relay and the retention purge are periodic jobs; the jobs know neither")
                .check(CLASSES);
    }
}
