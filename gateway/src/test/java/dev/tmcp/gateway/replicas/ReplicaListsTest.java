package dev.tmcp.gateway.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** A route's service is called over the replica list that starts with the route's uri (decision 0041). */
class ReplicaListsTest {

    // As `./tmcp up --replicas 2` sets tmcp.gateway.replicas: appstore;auth;bridge;payment;wallet;storage.
    private final ReplicaLists lists = ReplicaLists.parse(
            ";;;http://127.0.0.1:8083,http://127.0.0.1:9083;http://127.0.0.1:8082,http://127.0.0.1:9082;");

    @Test
    void theListWhoseFirstReplicaIsTheRoutesUri() {
        assertThat(lists.baseUrl(URI.create("http://127.0.0.1:8083"))).isEqualTo("http://127.0.0.1:8083,http://127.0.0.1:9083");
        assertThat(lists.baseUrl(URI.create("http://127.0.0.1:8082"))).isEqualTo("http://127.0.0.1:8082,http://127.0.0.1:9082");
    }

    @Test
    void theUriAloneWithoutAList() {
        assertThat(lists.baseUrl(URI.create("http://127.0.0.1:8084"))).isEqualTo("http://127.0.0.1:8084");
        assertThat(lists.baseUrl(URI.create("http://127.0.0.1:9083"))).isEqualTo("http://127.0.0.1:9083");
        assertThat(ReplicaLists.parse("").baseUrl(URI.create("http://payment-service:8083")))
                .isEqualTo("http://payment-service:8083");
    }
}
