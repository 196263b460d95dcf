package dev.tmcp.web.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class IdempotentTest {

    private final AtomicInteger created = new AtomicInteger();

    private Mono<String> create() {
        return Mono.fromSupplier(() -> "created-" + created.incrementAndGet());
    }

    @Test
    void aNewKeyCreates() {
        StepVerifier.create(Idempotent.replayOrCreate(Mono.empty(), s -> true, "used", this::create))
                .expectNext("created-1").verifyComplete();
    }

    @Test
    void theSameRequestAgainIsAnsweredWithWhatWasStoredAndCreatesNothing() {
        StepVerifier.create(Idempotent.replayOrCreate(Mono.just("stored"), "stored"::equals, "used", this::create))
                .expectNext("stored").verifyComplete();
        assertThat(created).hasValue(0);
    }

    @Test
    void anotherRequestUnderTheSameKeyIsADuplicateTransaction() {
        StepVerifier.create(Idempotent.replayOrCreate(Mono.just("stored"), s -> false, "key used", this::create))
                .expectErrorSatisfies(e -> {
                    assertThat(((TmcpException) e).code()).isEqualTo(ErrorCode.DUPLICATE_TRANSACTION);
                    assertThat(e).hasMessage("key used");
                })
                .verify();
        assertThat(created).hasValue(0);
    }

    @Test
    void insertOrReplayReadsBackWhicheverRowHoldsTheKey() {
        AtomicInteger inserts = new AtomicInteger();
        Mono<Long> insert = Mono.fromSupplier(() -> (long) inserts.incrementAndGet());

        StepVerifier.create(Idempotent.insertOrReplay(insert, Mono.just("earlier"), "earlier"::equals, "used"))
                .expectNext("earlier").verifyComplete();
        assertThat(inserts).hasValue(1);
    }

    @Test
    void insertOrReplayRefusesARowStoredForAnotherRequest() {
        StepVerifier.create(Idempotent.insertOrReplay(Mono.just(0L), Mono.just("earlier"), s -> false, "used"))
                .expectErrorSatisfies(e -> assertThat(((TmcpException) e).code()).isEqualTo(ErrorCode.DUPLICATE_TRANSACTION))
                .verify();
    }
}
