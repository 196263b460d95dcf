package dev.tmcp.wallet.ledger.proof;

import dev.tmcp.core.crypto.Digests;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Stores PINs as argon2id hashes of the SHA-256 hex digest that clients send as {@code hashed_pin}
 * (spec 7.2.4), so activation and confirmation compare the same value. Argon2 is CPU- and
 * memory-heavy (16 MiB per hash with these parameters): it runs off the event loop on a small pool
 * ({@code tmcp.wallet.argon2-threads}, by default one thread per two cores), so a burst of PIN checks
 * queues instead of taking 16 MiB per waiting request, and the blocks of the checks in flight fit the
 * young generation's survivor space (deploy/scripts/services.sh) and die there instead of being
 * promoted and filling the old generation.
 */
@Component
public class PinHasher implements DisposableBean {

    private static final int QUEUE = 10_000;

    private final Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final Scheduler pool;

    PinHasher(@Value("${tmcp.wallet.argon2-threads:0}") int threads) {
        this.pool = Schedulers.newBoundedElastic(threads > 0 ? threads : defaultThreads(), QUEUE, "argon2");
    }

    static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public Mono<String> hashPin(String pinDigits) {
        return Mono.fromCallable(() -> argon2.encode(Digests.sha256Hex(pinDigits))).subscribeOn(pool);
    }

    public Mono<Boolean> matches(String hashedPin, String stored) {
        if (stored == null || hashedPin == null || !hashedPin.matches("[0-9a-f]{64}")) {
            return Mono.just(false);
        }
        return Mono.fromCallable(() -> argon2.matches(hashedPin, stored)).subscribeOn(pool);
    }

    @Override
    public void destroy() {
        pool.dispose();
    }
}
