package dev.tmcp.charts;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rendered documents into the fabric8 Kubernetes model, strictly: an unknown or misspelled field
 * fails. The model classes keep unknown fields in additionalProperties (a @JsonAnySetter); this
 * mapper does not treat that method as an any-setter, so FAIL_ON_UNKNOWN_PROPERTIES applies.
 */
public final class KubeModel {

    /** apiVersion and model class of every kind the charts may render. */
    static final Map<String, Kind> KINDS = Map.of(
            "Deployment", new Kind("apps/v1", Deployment.class),
            "Service", new Kind("v1", Service.class),
            "NetworkPolicy", new Kind("networking.k8s.io/v1", NetworkPolicy.class),
            "PodDisruptionBudget", new Kind("policy/v1", PodDisruptionBudget.class),
            "HorizontalPodAutoscaler", new Kind("autoscaling/v2", HorizontalPodAutoscaler.class),
            "ServiceMonitor", new Kind("monitoring.coreos.com/v1", ServiceMonitor.class),
            "PrometheusRule", new Kind("monitoring.coreos.com/v1", PrometheusRule.class));

    record Kind(String apiVersion, Class<? extends HasMetadata> type) {
    }

    static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(MapperConfig<?> config, Annotated a) {
                    return Boolean.FALSE;
                }
            })
            .build();

    private KubeModel() {
    }

    /** Every document of helm's output as its model object; fails on an unknown kind, apiVersion or field. */
    public static List<HasMetadata> parse(String rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Map<String, Object> document : Yaml.documents(rendered)) {
            objects.add(parse(document));
        }
        return objects;
    }

    static HasMetadata parse(Map<String, Object> document) {
        Object kindName = document.get("kind");
        Kind kind = KINDS.get(String.valueOf(kindName));
        if (kind == null) {
            throw new IllegalArgumentException("unexpected kind " + kindName + " in " + document);
        }
        if (!kind.apiVersion().equals(document.get("apiVersion"))) {
            throw new IllegalArgumentException(kindName + " must be " + kind.apiVersion() + ", is " + document.get("apiVersion"));
        }
        try {
            return STRICT.convertValue(document, kind.type());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(kindName + " does not match the Kubernetes model: " + e.getMessage(), e);
        }
    }
}
