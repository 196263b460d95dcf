package dev.tmcp.web.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ConsumerRetryTest {

    private static final ConsumerRetry.Policy POLICY = new ConsumerRetry.Policy(3, Duration.ofMillis(1), Duration.ofMillis(2));

    @Test
    void aRecordThatKeepsFailingBecomesAPoisonRecordAfterItsAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        Mono<Void> handling = Mono.defer(() -> {
            attempts.incrementAndGet();
            return Mono.error(new IllegalStateException("bad data"));
        });

        StepVerifier.create(ConsumerRetry.bounded("c", "evt_1", handling, POLICY))
                .expectError(PoisonRecordException.class)
                .verify(Duration.ofSeconds(10));
        assertThat(attempts).hasValue(3);
    }

    @Test
    void anOutageIsWaitedOutBeyondTheAttemptsOfAPoisonRecord() {
        AtomicInteger attempts = new AtomicInteger();
        Mono<Void> handling = Mono.defer(() -> attempts.incrementAndGet() <= 10
                ? Mono.error(new TmcpException(ErrorCode.SERVICE_UNAVAILABLE, "down"))
                : Mono.empty());

        StepVerifier.create(ConsumerRetry.bounded("c", "evt_1", handling, POLICY))
                .verifyComplete();
        assertThat(attempts).hasValue(11);
    }

    @Test
    void outagesAreToldFromFailuresOfTheRecord() {
        assertThat(ConsumerFailures.isOutage(new RuntimeException(new IOException("connection refused")))).isTrue();
        assertThat(ConsumerFailures.isOutage(new TmcpException(ErrorCode.SERVICE_UNAVAILABLE, "down"))).isTrue();
        assertThat(ConsumerFailures.isOutage(new IllegalArgumentException("bad amount"))).isFalse();
        assertThat(ConsumerFailures.isOutage(new TmcpException(ErrorCode.INVALID_REQUEST, "bad"))).isFalse();
    }
}
