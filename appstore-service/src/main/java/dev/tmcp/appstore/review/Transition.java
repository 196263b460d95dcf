package dev.tmcp.appstore.review;

import java.util.Set;

/**
 * The review lifecycle of spec 9.2 and 9.3 (decision 0043). Statuses as stored: {@code draft},
 * {@code pending_review} (9.2's SUBMITTED, named as in the 9.1.1 answer), {@code under_review},
 * {@code active} (approval activates at once: nothing sits between APPROVED and ACTIVE),
 * {@code rejected}, {@code suspended}. Each transition says who may make it and from where.
 */
public enum Transition {

    SUBMIT("submit", Actor.DEVELOPER, Set.of("draft"), "pending_review"),
    WITHDRAW("withdraw", Actor.DEVELOPER, Set.of("pending_review", "under_review"), "draft"),
    APPEAL("appeal", Actor.DEVELOPER, Set.of("rejected"), "under_review"),
    START_REVIEW("review", Actor.PLATFORM, Set.of("pending_review"), "under_review"),
    APPROVE("approve", Actor.PLATFORM, Set.of("pending_review", "under_review"), "active"),
    REJECT("reject", Actor.PLATFORM, Set.of("pending_review", "under_review"), "rejected"),
    SUSPEND("suspend", Actor.PLATFORM, Set.of("active"), "suspended"),
    REINSTATE("reinstate", Actor.PLATFORM, Set.of("suspended"), "active");

    public enum Actor {
        DEVELOPER,
        PLATFORM
    }

    private final String action;
    private final Actor actor;
    private final Set<String> from;
    private final String to;

    Transition(String action, Actor actor, Set<String> from, String to) {
        this.action = action;
        this.actor = actor;
        this.from = from;
        this.to = to;
    }

    public String action() {
        return action;
    }

    public Actor actor() {
        return actor;
    }

    public Set<String> from() {
        return from;
    }

    public String to() {
        return to;
    }

    public boolean allowedFrom(String status) {
        return from.contains(status);
    }

    /** Reject and suspend must say why: the developer sees the reasons. */
    public boolean needsReasons() {
        return this == REJECT || this == SUSPEND;
    }
}
