package bench;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The ceiling of PIN proofs on this machine: argon2id verifications per second with the parameters
 * wallet-adapter uses (PinHasher: Spring Security's 5.8 defaults), THREADS in parallel for SECONDS,
 * after a warm-up. Args: THREADS SECONDS. Prints {@code argon2_verifications_per_s X}.
 */
public final class Argon2Ceiling {

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
        String hashedPin = "a".repeat(64);
        String stored = argon2.encode(hashedPin);
        for (int i = 0; i < 5; i++) {
            argon2.matches(hashedPin, stored);
        }
        AtomicLong done = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    if (argon2.matches(hashedPin, stored)) {
                        done.incrementAndGet();
                    }
                }
            });
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        long counted = done.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf("argon2_verifications_per_s %.1f%n", counted / elapsed);
    }
}
