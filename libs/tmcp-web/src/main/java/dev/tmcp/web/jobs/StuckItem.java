package dev.tmcp.web.jobs;

import java.time.Instant;

/**
 * Something of a money flow still in an intermediate state after its deadline: what an operator's
 * stuck listing shows. {@code since} is when it entered that state (or was created).
 */
public record StuckItem(String flow, String id, String state, Instant since) {
}
