package dev.tmcp.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict parsing that the chart tests rely on really rejects what Kubernetes would not take. */
class StrictParsingTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: x
            spec:
              replicas: 1
              selector:
                matchLabels: {app: x}
              template:
                metadata:
                  labels: {app: x}
                spec:
                  containers:
                    - name: x
                      image: x:1
                      ports:
                        - {name: http, containerPort: 8080}
                      readinessProbe:
                        httpGet: {path: /actuator/health/readiness, port: http}
                      resources:
                        limits: {memory: 768Mi}
                      securityContext:
                        readOnlyRootFilesystem: true
            """;

    @Test
    void aValidDeploymentParses() {
        Deployment deployment = (Deployment) KubeModel.parse(DEPLOYMENT).get(0);
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("768Mi");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    }

    @Test
    void aMisspelledFieldFails() {
        for (String typo : List.of(
                DEPLOYMENT.replace("readinessProbe:", "readinesProbe:"),
                DEPLOYMENT.replace("readOnlyRootFilesystem", "readOnlyRootFileSystem"),
                DEPLOYMENT.replace("containerPort:", "containerport:"),
                DEPLOYMENT.replace("  replicas: 1", "  replica: 1"))) {
            assertThatThrownBy(() -> KubeModel.parse(typo))
                    .as(typo)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not match the Kubernetes model");
        }
    }

    @Test
    void anUnknownKindOrApiVersionFails() {
        assertThatThrownBy(() -> KubeModel.parse(DEPLOYMENT.replace("apps/v1", "extensions/v1beta1")))
                .hasMessageContaining("must be apps/v1");
        assertThatThrownBy(() -> KubeModel.parse(DEPLOYMENT.replace("kind: Deployment", "kind: Deploymnet")))
                .hasMessageContaining("unexpected kind");
    }

    @Test
    void aMisspelledMonitoringFieldFails() {
        String monitor = """
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {app: x}}
                  endpoints:
                    - {port: http, path: /actuator/prometheus}
                """;
        assertThat(KubeModel.parse(monitor)).hasSize(1);
        assertThatThrownBy(() -> KubeModel.parse(monitor.replace("endpoints:", "endpoint:")))
                .hasMessageContaining("does not match the Kubernetes model");
    }
}
