package bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a fixed arrival rate, wrk2's idea with the JDK's HTTP client: request i is due
 * at start + i / rate and its latency counts from when it was due, so a server that stalls cannot
 * hide the queue it builds (no coordinated omission). A warm-up at the same rate is not counted.
 * Each request carries the next token of TOKENS_FILE (one per line) as its bearer.
 *
 * <p>Args: URL RATE_PER_SECOND SECONDS TOKENS_FILE [METHOD [BODY_FILE]]. Prints one line:
 * {@code sent N ok N failed N p50_ms X p99_ms Y rate_per_s Z}.
 */
public final class RateLoad {

    private static final int MAX_IN_FLIGHT = 1024;
    private static final int WARM_UP_SECONDS = 5;

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        List<String> tokens = Files.readAllLines(Path.of(args[3])).stream().filter(l -> !l.isBlank()).toList();
        String method = args.length > 4 ? args[4] : "GET";
        byte[] body = args.length > 5 ? Files.readAllBytes(Path.of(args[5])) : new byte[0];
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2)).connectTimeout(Duration.ofSeconds(5)).build();

        run(client, uri, rate, WARM_UP_SECONDS, tokens, method, body);
        Result result = run(client, uri, rate, seconds, tokens, method, body);
        System.out.printf("sent %d ok %d failed %d p50_ms %.2f p99_ms %.2f rate_per_s %.1f%n", result.sent, result.ok,
                result.failed, result.percentile(50), result.percentile(99), result.ok / (double) seconds);
        System.exit(0);
    }

    private record Result(int sent, int ok, int failed, long[] latencies) {
        double percentile(int p) {
            if (ok == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(latencies, ok);
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }
    }

    private static Result run(HttpClient client, URI uri, double rate, int seconds, List<String> tokens, String method,
            byte[] body) throws InterruptedException {
        int total = (int) Math.round(rate * seconds);
        long[] latencies = new long[total];
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long start = System.nanoTime();
        double interval = 1e9 / rate;
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * interval);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                failed.incrementAndGet();
                continue;
            }
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
                    .header("Content-Type", "application/json")
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                long latency = System.nanoTime() - due;
                if (error == null && response.statusCode() < 300) {
                    int slot = ok.getAndIncrement();
                    latencies[slot] = latency;
                } else {
                    failed.incrementAndGet();
                }
                inFlight.release();
            });
        }
        if (!inFlight.tryAcquire(MAX_IN_FLIGHT, 15, TimeUnit.SECONDS)) {
            System.err.println("some requests did not end within 15 s");
        } else {
            inFlight.release(MAX_IN_FLIGHT);
        }
        return new Result(total, ok.get(), failed.get(), latencies);
    }
}
