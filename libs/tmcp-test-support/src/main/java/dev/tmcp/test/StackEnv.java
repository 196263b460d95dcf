package dev.tmcp.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack's settings: {@code .tmcp/stack.env} and {@code .tmcp/secrets.env} written by
 * {@code ./tmcp up}, overridden by the process environment (so CI or a developer can point the
 * tests at external components).
 */
public final class StackEnv {

    private static final Map<String, String> VALUES = load();

    private StackEnv() {
    }

    public static String get(String key) {
        return find(key).orElseThrow(() -> new IllegalStateException(
                key + " is not set: run the tests with `./tmcp test`, which starts the stack and writes .tmcp/stack.env"));
    }

    public static Optional<String> find(String key) {
        String env = System.getenv(key);
        return Optional.ofNullable(env != null ? env : VALUES.get(key));
    }

    /** Every setting of the stack, for starting one more service process like the stack's own. */
    public static Map<String, String> all() {
        Map<String, String> all = new HashMap<>(VALUES);
        all.replaceAll((key, value) -> find(key).orElse(value));
        return all;
    }

    public static boolean available() {
        return find("GATEWAY_URL").isPresent();
    }

    private static Map<String, String> load() {
        Map<String, String> values = new HashMap<>();
        Optional<Path> dir = stateDir();
        dir.ifPresent(d -> {
            read(d.resolve("secrets.env"), values);
            read(d.resolve("stack.env"), values);
        });
        return values;
    }

    /** The local stack's state folder ({@code .tmcp}: pids, logs, settings), if there is one. */
    public static Optional<Path> stateDirectory() {
        return stateDir();
    }

    private static Optional<Path> stateDir() {
        Path current = Path.of("").toAbsolutePath();
        while (current != null) {
            Path candidate = current.resolve(".tmcp");
            if (Files.isRegularFile(candidate.resolve("stack.env"))) {
                return Optional.of(candidate);
            }
            current = current.getParent();
        }
        return Optional.empty();
    }

    private static void read(Path file, Map<String, String> into) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.trim();
                int eq = trimmed.indexOf('=');
                if (trimmed.isEmpty() || trimmed.startsWith("#") || eq < 1) {
                    continue;
                }
                String value = trimmed.substring(eq + 1);
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                into.put(trimmed.substring(0, eq).replaceFirst("^export\\s+", ""), value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
