package dev.tmcp.gateway.replicas;

import dev.tmcp.web.client.Replicas;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * {@code tmcp.gateway.replicas}: each service's replica list (comma-separated, its first URL the
 * route's {@code uri}), the lists separated by semicolons. Empty where a Kubernetes Service balances.
 */
public record ReplicaLists(List<String> lists) {

    public ReplicaLists {
        lists = lists.stream().filter(list -> list != null && !list.isBlank()).toList();
    }

    public static ReplicaLists parse(String property) {
        return new ReplicaLists(Arrays.asList(property.split(";")));
    }

    /**
     * The base URL of a client of the service at {@code uri}: the replica list whose first replica is
     * that uri (a client takes the replicas in turn), else the uri alone.
     */
    public String baseUrl(URI uri) {
        URI origin = Replicas.origin(uri);
        return lists.stream().filter(list -> Replicas.parse(list).first().equals(origin)).findFirst()
                .orElse(uri.toString());
    }
}
