package dev.tmcp.e2e;

import dev.tmcp.test.StackEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The instances `./tmcp up --replicas N` started, read from its state folder. */
final class LocalReplicas {

    private LocalReplicas() {
    }

    /** How many instances of each service (but the gateway) run: 1 unless started with --replicas. */
    static int count() {
        return StackEnv.stateDirectory().map(d -> d.resolve("replicas")).filter(Files::isRegularFile)
                .map(LocalReplicas::read).map(String::strip).map(Integer::parseInt).orElse(1);
    }

    /** SIGKILL to one instance, e.g. {@code payment-service-2}: no shutdown, whatever it was doing is cut. */
    static void kill(String instance) {
        Path pidFile = StackEnv.stateDirectory().orElseThrow().resolve("pids").resolve(instance + ".pid");
        long pid = Long.parseLong(read(pidFile).strip());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(instance + " is not running"));
        process.destroyForcibly();
        process.onExit().join();
    }

    /** Replica {@code k} of the service whose first instance is at {@code firstUrl}: its port + 1000(k-1). */
    static String url(String firstUrl, int k) {
        java.net.URI first = java.net.URI.create(firstUrl);
        return first.getScheme() + "://" + first.getHost() + ":" + (first.getPort() + 1000 * (k - 1));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
