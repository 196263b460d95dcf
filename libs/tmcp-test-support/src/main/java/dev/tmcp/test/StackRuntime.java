package dev.tmcp.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local stack's runnable copy of a service jar (deploy/scripts/services.sh): the jar extracted
 * into {@code .tmcp/run/<module>/<digest>/app} with the JDK's AOT cache beside it. A test process
 * of the same jar reads that cache and starts in a few seconds instead of a quarter of a minute.
 */
final class StackRuntime {

    private static final Map<Path, String> DIGESTS = new ConcurrentHashMap<>();

    private StackRuntime() {
    }

    /** The JVM arguments that run {@code jar} from the stack's copy with its AOT cache, if both are there. */
    static Optional<List<String>> launch(String module, Path jar) {
        Optional<Path> state = StackEnv.stateDirectory();
        if (state.isEmpty()) {
            return Optional.empty();
        }
        Path dir = state.get().resolve("run").resolve(module).resolve(digest(jar));
        Path copy = dir.resolve("app").resolve(jar.getFileName());
        Path cache = dir.resolve("app.aot");
        if (!Files.isRegularFile(copy) || !Files.isRegularFile(cache)) {
            return Optional.empty();
        }
        return Optional.of(List.of("-XX:AOTCache=" + cache, "-Xlog:aot=error", "-Xlog:cds=error", "-jar", copy.toString()));
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
