package dev.tmcp.web.outbox;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Tells an outage (the database, Kafka or a downstream service cannot be reached; every record
 * would fail alike) from a failure of this one record. An outage is waited out; a record that keeps
 * failing while its dependencies answer is a poison record and goes to the dead-letter topic.
 */
public final class ConsumerFailures {

    private ConsumerFailures() {
    }

    public static boolean isOutage(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof IOException || e instanceof TimeoutException || e instanceof CallNotPermittedException
                    || e instanceof R2dbcTransientResourceException || e instanceof R2dbcNonTransientResourceException
                    || e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException
                    || e instanceof CannotCreateTransactionException || e instanceof WebClientRequestException
                    || e instanceof TmcpException t && t.code() == ErrorCode.SERVICE_UNAVAILABLE) {
                return true;
            }
        }
        return false;
    }
}
