package dev.tmcp.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One more instance of a suite service, run from its built jar as its own OS process on a free
 * loopback port with the stack's settings (plus the test's overrides), so a test can SIGKILL it at
 * a moment of its choosing and start it again.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Modules whose class-data archive a running process of this JVM may write at its exit. */
    private static final Set<String> ARCHIVING = ConcurrentHashMap.newKeySet();

    private final String module;
    private final Path jar;
    private final Map<String, String> env = new HashMap<>();
    private final int port = freePort();
    private Process process;
    private boolean archiving;
    private int starts;

    /** {@code module} is the service's folder (and jar name) beside the calling module. */
    public ServiceProcess(String module, Map<String, String> overrides) {
        this(module, StackEnv.all(), overrides);
    }

    private ServiceProcess(String module, Map<String, String> base, Map<String, String> overrides) {
        this.module = module;
        this.jar = Path.of("..", module, "target", module + ".jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the suite first (./mvnw install -DskipTests)");
        }
        env.putAll(base);
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("MANAGEMENT_SERVER_PORT", String.valueOf(port));
        env.putAll(overrides);
    }

    /**
     * Like the constructor, but without the stack's settings: the service gets only {@code env}
     * (and its port), for a test that wires the service to components of its own.
     */
    public static ServiceProcess withOnly(String module, Map<String, String> env) {
        return new ServiceProcess(module, Map.of(), env);
    }

    /** Sets one variable for the next start, e.g. one that names {@link #url()}, known only once the port is chosen. */
    public ServiceProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public ServiceProcess start() {
        starts++;
        String java = ProcessHandle.current().info().command().orElse("java");
        // The memory settings of deploy/scripts/services.sh (service_jvm_memory).
        List<String> heap = module.equals("wallet-adapter")
                ? List.of("-Xms128m", "-Xmx128m", "-Xmn64m", "-XX:SurvivorRatio=1")
                : List.of("-Xms32m", "-Xmx192m");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(heap);
        command.addAll(List.of("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:ReservedCodeCacheSize=64m", "-Xss512k"));
        if (Runtime.version().feature() >= 25) {
            command.addAll(List.of("-XX:+UseCompactObjectHeaders", "-XX:TrimNativeHeapInterval=5000"));
        }
        Optional<StackRuntime.Launch> launch = StackRuntime.launch(module, jar);
        if (launch.isPresent()) {
            command.addAll(launch.get().args());
        } else {
            command.addAll(classData());
            command.addAll(List.of("-jar", jar.toString()));
        }
        File log = new File("target/" + module + "-" + port + "-" + starts + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log);
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(Duration.ofSeconds(120));
        launch.flatMap(StackRuntime.Launch::recording)
                .ifPresent(output -> StackRuntime.write(module, process, output, log.toPath().toAbsolutePath()));
        return this;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Without a local stack ({@link StackRuntime}): the JVM's class-data archive
     * of the jar (AppCDS, written at a graceful exit, read at every start while the jar is unchanged),
     * as the crash tests start the same services dozens of times. One process per module at a time
     * writes it; a second one runs without.
     */
    private List<String> classData() {
        archiving = ARCHIVING.add(module);
        if (!archiving) {
            return List.of();
        }
        Path archive = Path.of("target", "cds", module + ".jsa").toAbsolutePath();
        try {
            Files.createDirectories(archive.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off");
    }

    /** SIGKILL: no shutdown hook, no graceful stop, whatever was in flight is cut. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    private void awaitExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (archiving) {
            ARCHIVING.remove(module);
            archiving = false;
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + ", see its log in target/");
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(module + " was not ready within " + timeout);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A graceful stop (SIGTERM, SIGKILL after 20 s), so the class-data archive is written for the next start. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        awaitExit();
    }
}
