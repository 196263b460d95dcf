package dev.tmcp.web.observation;

import io.lettuce.core.tracing.LettuceObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

/**
 * Turns off Lettuce's per-command observations. When a request fails while a Redis command of
 * the same request is in flight (a malformed body while the TEP's revocation is being checked),
 * the command is cancelled before its observation has started, stopping it throws inside the
 * cancellation, and the request's error never reaches the client: the request hangs. Without the
 * observation there is nothing to stop. Redis calls lose their spans and timers; HTTP ones keep them.
 */
public class NoRedisCommandObservations implements ObservationPredicate {

    @Override
    public boolean test(String name, Observation.Context context) {
        return !(context instanceof LettuceObservationContext);
    }
}
