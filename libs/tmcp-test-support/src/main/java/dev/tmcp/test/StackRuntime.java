package dev.tmcp.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local stack's runnable copy of a service jar, shared with deploy/scripts/services.sh: the jar
 * extracted into {@code .tmcp/run/<module>/<digest>/app} with the JDK's AOT cache beside it
 * ({@code app.aot}). A test process reads that cache and starts in a few seconds instead of a
 * quarter of a minute; when there is none yet (the stack runs with the tracing agent, which cannot
 * build one), the first test process of a module records it and writes it once ready.
 */
final class StackRuntime {

    private static final Map<Path, String> DIGESTS = new ConcurrentHashMap<>();
    private static final Set<String> RECORDING = ConcurrentHashMap.newKeySet();

    /** How to run the jar; {@code recording} is the cache file this process writes, if it records one. */
    record Launch(List<String> args, Optional<Path> recording) {
    }

    private StackRuntime() {
    }

    static Optional<Launch> launch(String module, Path jar) {
        Optional<Path> state = StackEnv.stateDirectory();
        if (state.isEmpty()) {
            return Optional.empty();
        }
        Path dir = state.get().resolve("run").resolve(module).resolve(digest(jar));
        Path copy = extracted(jar, dir).resolve(jar.getFileName());
        Path cache = dir.resolve("app.aot");
        if (Files.isRegularFile(cache)) {
            return Optional.of(new Launch(List.of("-XX:AOTCache=" + cache, "-Xlog:aot=error", "-Xlog:cds=error",
                    "-jar", copy.toString()), Optional.empty()));
        }
        if (!RECORDING.add(module)) {
            return Optional.of(new Launch(List.of("-jar", copy.toString()), Optional.empty()));
        }
        removeStale(dir);
        Path output = dir.resolve("app.aot.test-" + ProcessHandle.current().pid());
        return Optional.of(new Launch(List.of("-XX:AOTCacheOutput=" + output, "-Xlog:aot=error", "-Xlog:cds=error",
                "-jar", copy.toString()), Optional.of(output)));
    }

    /**
     * Ends the recording of a ready process and moves the cache into place, in the background (the
     * JVM takes some 20 s of one core to write it while it keeps serving).
     */
    static void write(String module, Process process, Path output, Path log) {
        Thread.ofPlatform().daemon().name("aot-" + module).start(() -> {
            try {
                Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
                Process end = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "AOT.end_recording")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                end.waitFor(180, TimeUnit.SECONDS);
                // The JVM's helper process writes the cache; it finishes even when a crash test kills the service meanwhile.
                Instant deadline = Instant.now().plusSeconds(120);
                while (Instant.now().isBefore(deadline) && !complete(log)) {
                    Thread.sleep(1000);
                }
                if (complete(log) && Files.isRegularFile(output)) {
                    Files.move(output, output.resolveSibling("app.aot"), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException | RuntimeException e) {
                // no cache this time: the next run records again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a stale one goes with the next recording
                }
                RECORDING.remove(module);
            }
        });
    }

    private static boolean complete(Path log) throws IOException {
        return Files.readString(log).contains("AOTCache creation is complete");
    }

    /** The jar extracted once (Spring Boot's jarmode tools) into {@code dir/app}, atomically. */
    private static Path extracted(Path jar, Path dir) {
        Path app = dir.resolve("app");
        if (Files.isDirectory(app)) {
            return app;
        }
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempDirectory(dir, "app.partial-");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process extract = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", jar.toString(),
                    "extract", "--destination", partial.resolve("app").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!extract.waitFor(120, TimeUnit.SECONDS) || extract.exitValue() != 0) {
                throw new IllegalStateException("could not extract " + jar);
            }
            try {
                Files.move(partial.resolve("app"), app, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isDirectory(app)) {
                    throw raced;
                }
            }
            deleteTree(partial);
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Recordings left by test runs that ended before writing them. */
    private static void removeStale(Path dir) {
        Instant before = Instant.now().minus(Duration.ofMinutes(10));
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().startsWith("app.aot.test-"))
                    .filter(f -> {
                        try {
                            return Files.getLastModifiedTime(f).toInstant().isBefore(before);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .forEach(f -> {
                        try {
                            Files.deleteIfExists(f);
                        } catch (IOException ignored) {
                            // another run's
                        }
                    });
        } catch (IOException ignored) {
            // nothing to clean
        }
    }

    /** The first 16 hex digits of the jar's SHA-256, as services.sh names the folder. */
    private static String digest(Path jar) {
        return DIGESTS.computeIfAbsent(jar, j -> {
            try (InputStream in = Files.newInputStream(j)) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
                return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
