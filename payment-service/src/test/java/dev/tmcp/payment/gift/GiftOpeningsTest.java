package dev.tmcp.payment.gift;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.payment.wallet.WalletClient;
import dev.tmcp.web.outbox.OutboxWriter;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The claim step of opening a gift (7.5.6): one share per user, taken in order under the row lock. */
class GiftOpeningsTest {

    private final GiftRepository gifts = mock(GiftRepository.class);
    private final TransactionalOperator tx = mock(TransactionalOperator.class);
    private final DatabaseClient db = mock(DatabaseClient.class);
    private final GiftOpenings openings = new GiftOpenings(gifts, mock(WalletClient.class), mock(OutboxWriter.class),
            tx, db);

    @BeforeEach
    @SuppressWarnings("unchecked")
    void aTransactionWithALockTimeout() {
        when(tx.transactional(any(Mono.class))).thenAnswer(call -> call.getArgument(0));
        DatabaseClient.GenericExecuteSpec lockTimeout = mock(DatabaseClient.GenericExecuteSpec.class);
        when(db.sql(anyString())).thenReturn(lockTimeout);
        when(lockTimeout.then()).thenReturn(Mono.empty());
    }

    @Test
    void aFirstOpeningClaimsTheNextShare() {
        when(gifts.lock("gift_1")).thenReturn(Mono.just(GiftTest.group(GiftStatus.PARTIALLY_OPENED, 2)));
        when(gifts.opening("gift_1", "@carol:test")).thenReturn(Mono.empty());
        when(gifts.takeShare(any())).thenReturn(Mono.just(1L));
        when(gifts.insertOpening(any())).thenAnswer(call -> Mono.just(call.getArgument(0)));

        StepVerifier.create(openings.claim("gift_1", "@carol:test"))
                .expectNextMatches(opened -> opened.opening().rank() == 2
                        && opened.opening().amount().equals(Money.ofMinor(300, "USD"))
                        && opened.opening().status() == GiftOpeningStatus.CLAIMED)
                .verifyComplete();
    }

    @Test
    void openingTwiceAfterBeingPaidIsRefused() {
        when(gifts.lock("gift_1")).thenReturn(Mono.just(GiftTest.group(GiftStatus.PARTIALLY_OPENED, 2)));
        when(gifts.opening("gift_1", "@bob:test")).thenReturn(Mono.just(opening(GiftOpeningStatus.PAID)));

        StepVerifier.create(openings.claim("gift_1", "@bob:test"))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.ALREADY_OPENED)
                .verify();
        verify(gifts, never()).takeShare(any());
    }

    @Test
    void openingAgainWhileTheClaimIsUnpaidResumesTheSameShare() {
        GiftOpening claimed = opening(GiftOpeningStatus.CLAIMED);
        when(gifts.lock("gift_1")).thenReturn(Mono.just(GiftTest.group(GiftStatus.PARTIALLY_OPENED, 2)));
        when(gifts.opening("gift_1", "@bob:test")).thenReturn(Mono.just(claimed));

        StepVerifier.create(openings.claim("gift_1", "@bob:test"))
                .expectNextMatches(opened -> opened.opening().equals(claimed))
                .verifyComplete();
        verify(gifts, never()).takeShare(any());
    }

    @Test
    void openingAfterAllSharesAreTakenIsRefused() {
        when(gifts.lock("gift_1")).thenReturn(Mono.just(GiftTest.group(GiftStatus.FULLY_OPENED, 0)));
        when(gifts.opening("gift_1", "@carol:test")).thenReturn(Mono.empty());

        StepVerifier.create(openings.claim("gift_1", "@carol:test"))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.GIFT_EMPTY)
                .verify();
        verify(gifts, never()).takeShare(any());
    }

    @Test
    void anUnknownGiftIsNotFound() {
        when(gifts.lock("gift_x")).thenReturn(Mono.empty());

        StepVerifier.create(openings.claim("gift_x", "@carol:test"))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.GIFT_NOT_FOUND)
                .verify();
    }

    private static GiftOpening opening(GiftOpeningStatus status) {
        return new GiftOpening("gift_1", "@bob:test", 1, Money.ofMinor(200, "USD"), status, Instant.now(), null, null);
    }
}
