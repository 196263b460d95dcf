package dev.tmcp.test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules every service keeps: its feature packages never depend on each other in a cycle. A
 * service's own ArchitectureTest adds the layers that must point one way in it.
 */
public final class Architecture {

    private Architecture() {
    }

    /** The production classes of a service, without its tests. */
    public static JavaClasses productionClasses(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** No two top-level feature packages under {@code basePackage} depend on each other, directly or through others. */
    public static ArchRule featurePackagesFreeOfCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..").namingSlices("feature $1").should().beFreeOfCycles()
                .allowEmptyShould(false);
    }
}
