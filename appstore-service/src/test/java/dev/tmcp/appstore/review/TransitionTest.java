package dev.tmcp.appstore.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Who may move an app where in the review lifecycle (spec 9.2, decision 0043). */
class TransitionTest {

    private static final List<String> STATUSES =
            List.of("draft", "pending_review", "under_review", "active", "rejected", "suspended");

    @Test
    void developersSubmitDraftsWithdrawSubmissionsAndAppealRejections() {
        assertThat(sources(Transition.SUBMIT)).containsExactly("draft");
        assertThat(Transition.SUBMIT.to()).isEqualTo("pending_review");
        assertThat(sources(Transition.WITHDRAW)).containsExactlyInAnyOrder("pending_review", "under_review");
        assertThat(Transition.WITHDRAW.to()).isEqualTo("draft");
        assertThat(sources(Transition.APPEAL)).containsExactly("rejected");
        assertThat(Transition.APPEAL.to()).isEqualTo("under_review");
    }

    @Test
    void onlyThePlatformDecides() {
        Set<Transition> platform = Arrays.stream(Transition.values())
                .filter(t -> t.actor() == Transition.Actor.PLATFORM).collect(Collectors.toSet());
        assertThat(platform).containsExactlyInAnyOrder(Transition.START_REVIEW, Transition.APPROVE, Transition.REJECT,
                Transition.SUSPEND, Transition.REINSTATE);
    }

    @Test
    void anAppIsApprovedOrRejectedOnlyWhileAwaitingReview() {
        assertThat(sources(Transition.APPROVE)).containsExactlyInAnyOrder("pending_review", "under_review");
        assertThat(sources(Transition.REJECT)).containsExactlyInAnyOrder("pending_review", "under_review");
        assertThat(Transition.APPROVE.to()).isEqualTo("active");
    }

    @Test
    void onlyActiveAppsAreSuspendedAndOnlySuspendedOnesReinstated() {
        assertThat(sources(Transition.SUSPEND)).containsExactly("active");
        assertThat(sources(Transition.REINSTATE)).containsExactly("suspended");
        assertThat(Transition.REINSTATE.to()).isEqualTo("active");
    }

    @Test
    void rejectionsAndSuspensionsNeedReasons() {
        assertThat(Arrays.stream(Transition.values()).filter(Transition::needsReasons))
                .containsExactlyInAnyOrder(Transition.REJECT, Transition.SUSPEND);
    }

    @Test
    void everyTransitionLeadsToAKnownStatus() {
        for (Transition t : Transition.values()) {
            assertThat(STATUSES).contains(t.to());
            assertThat(STATUSES).containsAll(t.from());
        }
    }

    private static List<String> sources(Transition t) {
        return STATUSES.stream().filter(t::allowedFrom).toList();
    }
}
