package dev.tmcp.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tmcp.test.Architecture;
import org.junit.jupiter.api.Test;

/** Layers: TEP verification first, rate limiting on the verified caller, then the JSON-RPC translation. */
class ArchitectureTest {

    private static final String BASE = "dev.tmcp.gateway";
    private static final JavaClasses CLASSES = Architecture.productionClasses(BASE);

    @Test
    void featurePackagesAreFreeOfCycles() {
        Architecture.featurePackagesFreeOfCycles(BASE).check(CLASSES);
    }

    @Test
    void tepVerificationKnowsNoOtherFilter() {
        noClasses().that().resideInAPackage(BASE + ".tep..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".ratelimit..", BASE + ".rpc..",
                        BASE + ".security..", BASE + ".replicas..", BASE + ".openapi..")
                .because("the TEP filter runs first and the filters after it read the caller it leaves on the exchange")
                .check(CLASSES);
    }

    @Test
    void rateLimitsKnowNoJsonRpc() {
        noClasses().that().resideInAPackage(BASE + ".ratelimit..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".rpc..")
                .because("the JSON-RPC translation charges its calls to the rate limits, not the other way round")
                .check(CLASSES);
    }
}
