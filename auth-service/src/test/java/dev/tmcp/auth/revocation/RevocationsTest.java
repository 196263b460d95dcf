package dev.tmcp.auth.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tmcp.auth.consent.Consents;
import dev.tmcp.auth.keycloak.KeycloakSessions;
import dev.tmcp.auth.session.TepSessions;
import dev.tmcp.auth.subject.SubjectIdentity;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.Topics;
import dev.tmcp.web.outbox.OutboxWriter;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Withdrawing consent (spec 5.6): all of a mini-app's permissions, or only some scopes. */
class RevocationsTest {

    private static final String ALICE = "@alice:tween.example";

    private final TepSessions sessions = mock(TepSessions.class);
    private final Consents consents = mock(Consents.class);
    private final KeycloakSessions keycloak = mock(KeycloakSessions.class);
    private final OutboxWriter outbox = mock(OutboxWriter.class);
    private final TransactionalOperator tx = mock(TransactionalOperator.class);
    private final Revocations revocations = new Revocations(sessions, consents, keycloak, outbox, tx);

    private static TepSessions.Session session(String id, String scope, String source, String subjectSession) {
        return new TepSessions.Session(id, ALICE, "ma_shop", scope, "tw_alice", source, subjectSession,
                "{\"room_id\":\"!abc:tween.example\"}", false);
    }

    @BeforeEach
    @SuppressWarnings("unchecked")
    void transactionsPassThrough() {
        when(tx.transactional(any(Mono.class))).thenAnswer(call -> call.getArgument(0));
        when(outbox.append(anyString(), any())).thenAnswer(call -> Mono.just(call.getArgument(1)));
        when(keycloak.end(any())).thenReturn(Mono.empty());
        when(consents.forget(ALICE, "ma_shop")).thenReturn(Mono.empty());
    }

    @Test
    void withdrawingAMiniAppEndsEverySessionAndForgetsEveryApproval() {
        when(sessions.revoke(ALICE, "ma_shop", "user_initiated")).thenReturn(Mono.just(List.of(
                session("ses_1", "user:read wallet:pay", SubjectIdentity.MATRIX_SESSION, null),
                session("ses_2", "user:read", SubjectIdentity.KEYCLOAK, "kc-session"))));

        StepVerifier.create(revocations.revoke(ALICE, "ma_shop", "user_initiated"))
                .assertNext(outcome -> {
                    assertThat(outcome.sessionsRevoked()).isEqualTo(2);
                    assertThat(outcome.revokedScopes()).containsExactly("user:read", "wallet:pay");
                })
                .verifyComplete();
        verify(consents).forget(ALICE, "ma_shop");
        verify(keycloak).end(List.of("kc-session"));
    }

    @Test
    void withdrawingAMiniAppAnnouncesScopeRevokedWithTheRoomsItWasLaunchedFrom() {
        when(sessions.revoke(ALICE, "ma_shop", "security")).thenReturn(Mono.just(List.of(
                session("ses_1", "user:read wallet:pay", SubjectIdentity.MATRIX_SESSION, null))));

        revocations.revoke(ALICE, "ma_shop", "security").block();

        EventEnvelope event = published();
        assertThat(event.type()).isEqualTo("scope.revoked");
        assertThat(event.data().get("revoked_scopes").toString()).isEqualTo("[\"user:read\",\"wallet:pay\"]");
        assertThat(event.data().get("reason").asString()).isEqualTo("security");
        assertThat(event.data().get("room_ids").toString()).isEqualTo("[\"!abc:tween.example\"]");
    }

    @Test
    void withdrawingAMiniAppWithNoLiveSessionForgetsApprovalsButAnnouncesNothing() {
        when(sessions.revoke(ALICE, "ma_shop", "user_initiated")).thenReturn(Mono.just(List.of()));

        StepVerifier.create(revocations.revoke(ALICE, "ma_shop", "user_initiated"))
                .assertNext(outcome -> assertThat(outcome.sessionsRevoked()).isZero())
                .verifyComplete();
        verify(consents).forget(ALICE, "ma_shop");
        verify(outbox, never()).append(anyString(), any());
    }

    @Test
    void withdrawingSomeScopesForgetsOnlyThoseApprovalsAndEndsOnlySessionsHoldingThem() {
        when(sessions.revokeHolding(ALICE, "ma_shop", List.of("wallet:pay"), "user_initiated"))
                .thenReturn(Mono.just(List.of(session("ses_1", "user:read wallet:pay", SubjectIdentity.MATRIX_SESSION, null))));
        when(consents.forget(ALICE, "ma_shop", List.of("wallet:pay"))).thenReturn(Mono.just(List.of("wallet:pay")));

        StepVerifier.create(revocations.revokeScopes(ALICE, "ma_shop", List.of("wallet:pay"), "user_initiated"))
                .assertNext(outcome -> {
                    assertThat(outcome.sessionsRevoked()).isEqualTo(1);
                    assertThat(outcome.revokedScopes()).containsExactly("wallet:pay");
                })
                .verifyComplete();
        verify(consents, never()).forget(ALICE, "ma_shop");
        assertThat(published().data().get("revoked_scopes").toString()).isEqualTo("[\"wallet:pay\"]");
    }

    @Test
    void withdrawingAScopeNeitherApprovedNorHeldAnnouncesNothing() {
        when(sessions.revokeHolding(ALICE, "ma_shop", List.of("wallet:pay"), "user_initiated"))
                .thenReturn(Mono.just(List.of()));
        when(consents.forget(ALICE, "ma_shop", List.of("wallet:pay"))).thenReturn(Mono.just(List.of()));

        StepVerifier.create(revocations.revokeScopes(ALICE, "ma_shop", List.of("wallet:pay"), "user_initiated"))
                .assertNext(outcome -> assertThat(outcome.revokedScopes()).isEmpty())
                .verifyComplete();
        verify(outbox, never()).append(anyString(), any());
    }

    @Test
    void theWithdrawnScopesAreThoseApprovedOrHeldInTheOrderAsked() {
        var held = session("ses_1", "user:read storage:write", SubjectIdentity.MATRIX_SESSION, null);
        assertThat(Revocations.withdrawn(List.of("storage:write", "messaging:send", "wallet:pay", "storage:write"),
                List.of("wallet:pay"), List.of(held)))
                .containsExactly("storage:write", "wallet:pay");
    }

    private EventEnvelope published() {
        ArgumentCaptor<EventEnvelope> event = ArgumentCaptor.forClass(EventEnvelope.class);
        verify(outbox).append(eq(Topics.AUTH), event.capture());
        return event.getValue();
    }
}
