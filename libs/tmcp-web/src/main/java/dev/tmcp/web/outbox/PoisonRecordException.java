package dev.tmcp.web.outbox;

/** A consumed record that kept failing while its dependencies answered: it goes to the dead-letter topic. */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String consumer, String eventId, int attempts, Throwable cause) {
        super("consumer=" + consumer + " event_id=" + eventId + " failed " + attempts + " times: " + cause, cause);
    }
}
