package dev.tmcp.web.client;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The replicas of one service, from a comma-separated list of base URLs ({@code PAYMENT_SERVICE_URLS}
 * with {@code ./tmcp up --replicas N}): calls take them in turn, and one that refused a connection
 * is passed over for a few seconds. A refused connection sent nothing, so the caller may try the
 * next replica with the same request. On a cluster the list has one entry, the Kubernetes Service,
 * which balances by itself.
 */
public final class Replicas {

    static final Duration PASSED_OVER_FOR = Duration.ofSeconds(5);

    private final List<URI> origins;
    private final AtomicInteger turn = new AtomicInteger();
    private final Map<URI, Long> downUntil = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    Replicas(List<URI> origins, LongSupplier nanoTime) {
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("no replica URL");
        }
        this.origins = List.copyOf(origins);
        this.nanoTime = nanoTime;
    }

    public static Replicas parse(String urls) {
        return parse(urls, System::nanoTime);
    }

    static Replicas parse(String urls, LongSupplier nanoTime) {
        return new Replicas(Arrays.stream(urls.split(",")).map(String::strip).filter(u -> !u.isEmpty())
                .map(u -> origin(URI.create(u))).toList(), nanoTime);
    }

    public URI first() {
        return origins.get(0);
    }

    public List<URI> all() {
        return origins;
    }

    public int size() {
        return origins.size();
    }

    /** The next replica in turn that has not just refused; the next in turn if all have. */
    public URI pick() {
        return inTurn().get(0);
    }

    /**
     * Every replica, in the order a call should try them: from the next in turn on, those that have
     * not just refused first, then those that have.
     */
    public List<URI> inTurn() {
        long now = nanoTime.getAsLong();
        int start = Math.floorMod(turn.getAndIncrement(), origins.size());
        List<URI> up = new ArrayList<>(origins.size());
        List<URI> passedOver = new ArrayList<>();
        for (int i = 0; i < origins.size(); i++) {
            URI candidate = origins.get((start + i) % origins.size());
            Long until = downUntil.get(candidate);
            (until == null || until - now <= 0 ? up : passedOver).add(candidate);
        }
        up.addAll(passedOver);
        return up;
    }

    /** The replica refused a connection: pass it over for a while. */
    public void refused(URI origin) {
        downUntil.put(origin, nanoTime.getAsLong() + PASSED_OVER_FOR.toNanos());
    }

    /** True when {@code failure} is a connection the replica refused (nothing was sent). */
    public static boolean isRefusal(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** {@code url} with its scheme, host and port replaced by {@code origin}'s. */
    public static URI on(URI url, URI origin) {
        String rest = url.getRawPath() == null ? "" : url.getRawPath();
        if (url.getRawQuery() != null) {
            rest += "?" + url.getRawQuery();
        }
        return URI.create(origin.getScheme() + "://" + origin.getRawAuthority() + rest);
    }

    public static URI origin(URI url) {
        return URI.create(url.getScheme() + "://" + url.getRawAuthority());
    }
}
