package dev.tmcp.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClientRequestException;

class ReplicasTest {

    private final AtomicLong now = new AtomicLong();
    private final Replicas replicas = Replicas.parse("http://127.0.0.1:8083, http://127.0.0.1:9083/", now::get);

    @Test
    void callsTakeTheReplicasInTurn() {
        assertThat(IntStream.range(0, 4).mapToObj(i -> replicas.pick().toString()))
                .containsExactly("http://127.0.0.1:8083", "http://127.0.0.1:9083", "http://127.0.0.1:8083",
                        "http://127.0.0.1:9083");
    }

    @Test
    void aReplicaThatRefusedIsPassedOverForAWhile() {
        replicas.refused(URI.create("http://127.0.0.1:8083"));

        assertThat(IntStream.range(0, 3).mapToObj(i -> replicas.pick().toString())).containsOnly("http://127.0.0.1:9083");
        now.addAndGet(Replicas.PASSED_OVER_FOR.plus(Duration.ofMillis(1)).toNanos());
        assertThat(IntStream.range(0, 2).mapToObj(i -> replicas.pick().toString())).contains("http://127.0.0.1:8083");
    }

    @Test
    void whenEveryReplicaRefusedTheyAreStillTriedInTurn() {
        replicas.all().forEach(replicas::refused);

        assertThat(IntStream.range(0, 2).mapToObj(i -> replicas.pick().toString())).doesNotHaveDuplicates();
    }

    @Test
    void aRequestMovesToAnotherReplicaWithItsPathAndQuery() {
        URI moved = Replicas.on(URI.create("http://127.0.0.1:8083/api/v1/p2p/x%2Fy?limit=5&a=%20"),
                URI.create("http://127.0.0.1:9083"));

        assertThat(moved.toString()).isEqualTo("http://127.0.0.1:9083/api/v1/p2p/x%2Fy?limit=5&a=%20");
    }

    @Test
    void onlyARefusedConnectionCountsAsRefusal() {
        assertThat(Replicas.isRefusal(new WebClientRequestException(new ConnectException("refused"),
                org.springframework.http.HttpMethod.GET, URI.create("http://x"), new org.springframework.http.HttpHeaders())))
                .isTrue();
        assertThat(Replicas.isRefusal(new java.util.concurrent.TimeoutException())).isFalse();
    }
}
