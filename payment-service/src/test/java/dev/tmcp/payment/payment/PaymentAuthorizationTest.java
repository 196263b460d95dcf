package dev.tmcp.payment.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.money.Money;
import dev.tmcp.payment.failures.PaymentFailures;
import dev.tmcp.payment.wallet.WalletClient;
import dev.tmcp.web.tep.TepPrincipal;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The payer's side of a payment (7.3.2, 7.6): which states may be authorized, and when a second factor is asked. */
class PaymentAuthorizationTest {

    private static final TepPrincipal PAYER = principal("@alice:test");

    private final PaymentRepository payments = mock(PaymentRepository.class);
    private final WalletClient wallet = mock(WalletClient.class);
    private final PaymentSettlement settlement = mock(PaymentSettlement.class);
    private final PaymentFailures failures = mock(PaymentFailures.class);
    private final PaymentAuthorization authorization = new PaymentAuthorization(payments, wallet, settlement, failures,
            new PaymentProperties(null, null, new BigDecimal("1000.00"), Duration.ofMinutes(5), Duration.ofMinutes(5),
                    Duration.ofMinutes(2), Duration.ofSeconds(30), "secret"));

    @BeforeEach
    void aWalletThatAcceptsTheSignature() {
        when(failures.requireNotLocked(anyString())).thenReturn(Mono.empty());
        when(wallet.verify(any(), any())).thenReturn(Mono.empty());
        when(settlement.settle(any(), any())).thenAnswer(call -> Mono.just(
                with(call.<Payment>getArgument(0), PaymentStatus.COMPLETED)));
    }

    @Test
    void aWaitingPaymentIsSettledOnceTheSignatureIsVerified() {
        found(payment(PaymentStatus.PENDING_AUTHORIZATION, 2000));

        StepVerifier.create(authorization.authorize(PAYER, "pay_1", signed(Instant.now())))
                .expectNextMatches(p -> p.status() == PaymentStatus.COMPLETED)
                .verifyComplete();
        verify(wallet).verify(any(), any());
    }

    @Test
    void authorizingACompletedPaymentAnswersItWithoutMovingMoney() {
        found(payment(PaymentStatus.COMPLETED, 2000));

        StepVerifier.create(authorization.authorize(PAYER, "pay_1", signed(Instant.now())))
                .expectNextMatches(p -> p.status() == PaymentStatus.COMPLETED)
                .verifyComplete();
        verifyNoInteractions(wallet, settlement);
    }

    @Test
    void authorizingAPaymentFoundProcessingFinishesItsSettlement() {
        found(payment(PaymentStatus.PROCESSING, 2000));

        StepVerifier.create(authorization.authorize(PAYER, "pay_1", signed(Instant.now())))
                .expectNextMatches(p -> p.status() == PaymentStatus.COMPLETED)
                .verifyComplete();
        verify(settlement).settle(any(), any());
        verifyNoInteractions(wallet);
    }

    @Test
    void authorizingAFailedPaymentIsRefused() {
        found(payment(PaymentStatus.FAILED, 2000));

        StepVerifier.create(authorization.authorize(PAYER, "pay_1", signed(Instant.now())))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.PAYMENT_FAILED)
                .verify();
        verifyNoInteractions(settlement);
    }

    @Test
    void authorizingAfterTheRequestExpiredExpiresThePayment() {
        Payment late = new Payment("pay_1", "key", "hash", "@alice:test", null, "ma_shop", null,
                Money.ofMinor(2000, "USD"), null, null, null, null, null, PaymentStatus.PENDING_AUTHORIZATION, null,
                false, null, null, 0, null, null, null, Instant.now().minusSeconds(1), null, null,
                Instant.now().minusSeconds(301));
        found(late);
        when(payments.expire("pay_1")).thenReturn(Mono.just(true));

        StepVerifier.create(authorization.authorize(PAYER, "pay_1", signed(Instant.now())))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.PAYMENT_EXPIRED)
                .verify();
        verify(payments).expire("pay_1");
        verifyNoInteractions(wallet, settlement);
    }

    @Test
    void anotherUsersPaymentIsNotFound() {
        found(payment(PaymentStatus.PENDING_AUTHORIZATION, 2000));

        StepVerifier.create(authorization.authorize(principal("@mallory:test"), "pay_1", signed(Instant.now())))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.PAYMENT_NOT_FOUND)
                .verify();
        verifyNoInteractions(wallet, settlement);
    }

    @Test
    void aSignatureFromOutsideTheWindowIsRefused() {
        found(payment(PaymentStatus.PENDING_AUTHORIZATION, 2000));

        StepVerifier.create(authorization.authorize(PAYER, "pay_1", signed(Instant.now().minus(Duration.ofMinutes(6)))))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.INVALID_SIGNATURE)
                .verify();
        verifyNoInteractions(settlement);
    }

    @Test
    void aPaymentAboveTheThresholdAsksForASecondFactorFirst() {
        found(payment(PaymentStatus.PENDING_AUTHORIZATION, 100_001));
        when(wallet.createChallenge(any(), anyString(), any()))
                .thenReturn(Mono.just(new WalletClient.Challenge("ch_1", List.of("pin"), "2026-01-01T00:05:00Z")));
        when(payments.requireMfa("pay_1", "ch_1")).thenReturn(Mono.just(true));

        StepVerifier.create(authorization.authorize(PAYER, "pay_1", signed(Instant.now())))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.MFA_REQUIRED
                        && "ch_1".equals(t.details().get("challenge_id")))
                .verify();
        verify(settlement, never()).settle(any(), any());
    }

    @Test
    void aPaymentAtTheThresholdNeedsNoSecondFactor() {
        found(payment(PaymentStatus.PENDING_AUTHORIZATION, 100_000));

        StepVerifier.create(authorization.authorize(PAYER, "pay_1", signed(Instant.now())))
                .expectNextMatches(p -> p.status() == PaymentStatus.COMPLETED)
                .verifyComplete();
        verify(wallet, never()).createChallenge(any(), anyString(), any());
    }

    @Test
    void answeringASecondFactorBeforeAuthorizingIsRefused() {
        found(payment(PaymentStatus.PENDING_AUTHORIZATION, 100_001));

        StepVerifier.create(authorization.verifyMfa(PAYER, "pay_1", mfa("ch_1")))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.INVALID_STATE)
                .verify();
        verifyNoInteractions(wallet, settlement);
    }

    @Test
    void answeringAnotherChallengeIsRefused() {
        found(withChallenge(payment(PaymentStatus.MFA_REQUIRED, 100_001), "ch_1"));

        StepVerifier.create(authorization.verifyMfa(PAYER, "pay_1", mfa("ch_other")))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.INVALID_REQUEST)
                .verify();
        verifyNoInteractions(wallet, settlement);
    }

    @Test
    void aWrongSecondFactorDoesNotSettle() {
        found(withChallenge(payment(PaymentStatus.MFA_REQUIRED, 100_001), "ch_1"));
        when(wallet.verifyChallenge(any(), anyString(), anyString(), any()))
                .thenReturn(Mono.just(new WalletClient.ChallengeVerified(false, "ch_1", "payment:pay_1")));

        StepVerifier.create(authorization.verifyMfa(PAYER, "pay_1", mfa("ch_1")))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.INVALID_MFA_CREDENTIALS)
                .verify();
        verifyNoInteractions(settlement);
    }

    @Test
    void aRightSecondFactorForAnotherPaymentsReferenceDoesNotSettle() {
        found(withChallenge(payment(PaymentStatus.MFA_REQUIRED, 100_001), "ch_1"));
        when(wallet.verifyChallenge(any(), anyString(), anyString(), any()))
                .thenReturn(Mono.just(new WalletClient.ChallengeVerified(true, "ch_1", "payment:pay_2")));

        StepVerifier.create(authorization.verifyMfa(PAYER, "pay_1", mfa("ch_1")))
                .expectErrorMatches(e -> e instanceof TmcpException t && t.code() == ErrorCode.INVALID_MFA_CREDENTIALS)
                .verify();
        verify(payments, never()).mfaVerified(anyString());
    }

    @Test
    void aWaitingPaymentReadsExpiredOncePastItsExpiry() {
        Payment p = payment(PaymentStatus.MFA_REQUIRED, 2000);

        assertThat(p.visibleStatus(p.expiresAt().plusMillis(1))).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(payment(PaymentStatus.COMPLETED, 2000).visibleStatus(p.expiresAt().plusSeconds(1)))
                .isEqualTo(PaymentStatus.COMPLETED);
    }

    private void found(Payment payment) {
        when(payments.find("pay_1")).thenReturn(Mono.just(payment));
    }

    private static PaymentRequests.Authorize signed(Instant at) {
        return new PaymentRequests.Authorize("c2ln", "dev_1", at.toString());
    }

    private static PaymentRequests.MfaVerify mfa(String challengeId) {
        return new PaymentRequests.MfaVerify(challengeId, "pin", Map.of("hashed_pin", "x"));
    }

    private static Payment payment(PaymentStatus status, long minor) {
        Instant now = Instant.now();
        return new Payment("pay_1", "key", "hash", "@alice:test", "tw_alice", "ma_shop", null,
                Money.ofMinor(minor, "USD"), null, null, null, null, null, status, null, false, null, null, 0, null,
                null, null, now.plusSeconds(300), null, null, now);
    }

    private static Payment with(Payment p, PaymentStatus status) {
        return new Payment(p.paymentId(), p.idempotencyKey(), p.requestHash(), p.payerUserId(), p.payerWalletId(),
                p.miniappId(), p.merchantWalletId(), p.amount(), p.description(), p.merchantOrderId(), p.items(),
                p.callbackUrl(), p.roomId(), status, p.mfaChallengeId(), p.mfaVerified(), p.holdId(), p.txnId(),
                p.refundedMinor(), p.errorCode(), p.errorMessage(), p.eventId(), p.expiresAt(), p.authorizedAt(),
                p.completedAt(), p.createdAt());
    }

    private static Payment withChallenge(Payment p, String challengeId) {
        return new Payment(p.paymentId(), p.idempotencyKey(), p.requestHash(), p.payerUserId(), p.payerWalletId(),
                p.miniappId(), p.merchantWalletId(), p.amount(), p.description(), p.merchantOrderId(), p.items(),
                p.callbackUrl(), p.roomId(), p.status(), challengeId, p.mfaVerified(), p.holdId(), p.txnId(),
                p.refundedMinor(), p.errorCode(), p.errorMessage(), p.eventId(), p.expiresAt(), p.authorizedAt(),
                p.completedAt(), p.createdAt());
    }

    private static TepPrincipal principal(String user) {
        return new TepPrincipal(UserId.of(user), "ma_shop", Set.of("wallet:pay"), "tw_alice", "s_1", Map.of(), "tep");
    }
}
