package dev.tmcp.charts;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A service started from its image as a container would start it: the image's entrypoint in its
 * root filesystem, with nothing in its environment but the image's and what the rendered Deployment
 * gives it, and ready when its rendered readiness probe answers 200.
 */
final class ChartProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String service;
    private final ServiceImage image;
    private final URI readiness;
    private final Process process;
    private final Instant started;

    private ChartProcess(String service, ServiceImage image, URI readiness, Process process, Instant started) {
        this.service = service;
        this.image = image;
        this.readiness = readiness;
        this.process = process;
        this.started = started;
    }

    /**
     * Starts the service from its image's root filesystem ({@link ServiceImage#launch()}), with the
     * image's environment overlaid by the given one, as a container runtime merges them.
     */
    static ChartProcess start(String service, Map<String, String> env, URI readiness) {
        ServiceImage image = ServiceImage.unpack(service, "images");
        Map<String, String> environment = new HashMap<>(image.env());
        environment.putAll(env);
        // The image's JVM flags are not what this proves; these only shorten seven starts on a small machine.
        environment.merge("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC", (chart, local) -> chart + " " + local);
        ProcessBuilder builder = new ProcessBuilder(image.launch())
                .redirectErrorStream(true)
                .redirectOutput(new File("target/chart-" + service + ".log"));
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return new ChartProcess(service, image, readiness, builder.start(), Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the readiness probe; fails at once if the process exits. */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue()
                        + " under its chart's environment; see target/chart-" + service + ".log");
            }
            if (status(readiness) == 200) {
                System.out.printf("%s: ready from its image in %d s%n", service, Duration.between(started, Instant.now()).toSeconds());
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException(service + " was not ready at " + readiness + " within " + timeout);
    }

    static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListening) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * SIGTERM to the service, as the kubelet stops a pod: it shuts down gracefully. The signal goes
     * to the JVM itself (unshare does not forward it); unshare exits with it.
     */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            image.delete();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
