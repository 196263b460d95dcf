package dev.tmcp.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A service's OCI image ({@code <service>/target/image/<service>.tar}, built by Jib at {@code package})
 * unpacked as a runtime would: its layers extracted in the manifest's order into one root filesystem,
 * its configuration (user, entrypoint, environment, labels) read from the config blob.
 */
final class ServiceImage {

    private final String service;
    private final Path rootfs;
    private final String reference;
    private final Map<String, Object> config;

    private ServiceImage(String service, Path rootfs, String reference, Map<String, Object> config) {
        this.service = service;
        this.rootfs = rootfs;
        this.reference = reference;
        this.config = config;
    }

    static Path tar(String service) {
        return Charts.repoRoot().resolve(service).resolve("target/image").resolve(service + ".tar");
    }

    /** Unpacks the image into {@code target/<folder>/<service>} (anew each time). */
    static ServiceImage unpack(String service, String folder) {
        Path tar = tar(service);
        if (!Files.isRegularFile(tar)) {
            throw new IllegalStateException(tar + " is missing: build the images first (./mvnw package, or ./tmcp images)");
        }
        Path dir = Path.of("target", folder, service).toAbsolutePath();
        Path oci = dir.resolve("oci");
        Path rootfs = dir.resolve("rootfs");
        run("rm", "-rf", dir.toString());
        mkdirs(oci, rootfs);
        run("tar", "-xf", tar.toString(), "-C", oci.toString());
        Map<String, Object> index = Yaml.readMap(oci.resolve("index.json"));
        Map<String, Object> descriptor = first(index.get("manifests"));
        Map<String, Object> manifest = Yaml.readMap(blob(oci, descriptor));
        Map<String, Object> annotations = asMap(descriptor.getOrDefault("annotations", Map.of()));
        for (Object layer : (List<?>) manifest.get("layers")) {
            // As root, tar keeps the layers' owners and modes (the JRE root-owned, /tmp 1777).
            run("tar", "--numeric-owner", "-xpzf", blob(oci, asMap(layer)).toString(), "-C", rootfs.toString());
        }
        Map<String, Object> config = asMap(Yaml.readMap(blob(oci, asMap(manifest.get("config")))).get("config"));
        return new ServiceImage(service, rootfs, String.valueOf(annotations.get("org.opencontainers.image.ref.name")), config);
    }

    Path rootfs() {
        return rootfs;
    }

    /** Removes the unpacked image (about 200 MB). */
    void delete() {
        run("rm", "-rf", rootfs.getParent().toString());
    }

    /** name:tag as Jib wrote it into the index (tmcp/<service>:<version>-<sha>). */
    String reference() {
        return reference;
    }

    String user() {
        return String.valueOf(config.get("User"));
    }

    List<String> entrypoint() {
        return Yaml.strings(config.get("Entrypoint"));
    }

    @SuppressWarnings("unchecked")
    Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        ((Map<String, Object>) config.getOrDefault("Labels", Map.of())).forEach((k, v) -> labels.put(k, String.valueOf(v)));
        return labels;
    }

    /** The image's Env, as KEY=value pairs turned into a map. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : Yaml.strings(config.get("Env"))) {
            int eq = pair.indexOf('=');
            env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return env;
    }

    /**
     * The command that runs the image's entrypoint the way the chart's pod would: in its own mount
     * and PID namespaces, chrooted into the root filesystem mounted read-only
     * ({@code readOnlyRootFilesystem}), with a fresh /proc, a tmpfs /tmp (the chart's emptyDir), the
     * null/zero/random devices, as the image's user. The network is the host's: the local
     * infrastructure is on loopback. Needs root, like every runtime without a user namespace.
     */
    List<String> launch() {
        String[] user = user().split(":");
        String r = rootfs.toString();
        String script = String.join(" && ",
                "/usr/bin/mount --bind \"$R\" \"$R\"",
                "/usr/bin/mount -t proc proc \"$R/proc\"",
                "/usr/bin/mount -t tmpfs -o mode=755 tmpfs \"$R/dev\"",
                "for d in null zero full random urandom; do /usr/bin/touch \"$R/dev/$d\" && /usr/bin/mount --bind /dev/$d \"$R/dev/$d\" || exit 1; done",
                "/usr/bin/mount -t tmpfs -o mode=1777 tmpfs \"$R/tmp\"",
                "/usr/bin/mount -o remount,bind,ro \"$R\"",
                "exec /usr/sbin/chroot --userspec=" + user[0] + ":" + user[1] + " \"$R\" \"$@\"");
        List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork",
                "/usr/bin/env", "R=" + r, "/bin/sh", "-c", script, service));
        command.addAll(entrypoint());
        return command;
    }

    private static Path blob(Path oci, Map<String, Object> descriptor) {
        String digest = String.valueOf(descriptor.get("digest"));
        return oci.resolve("blobs").resolve(digest.substring(0, digest.indexOf(':'))).resolve(digest.substring(digest.indexOf(':') + 1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> first(Object list) {
        return asMap(((List<?>) list).get(0));
    }

    private static void mkdirs(Path... dirs) {
        try {
            for (Path dir : dirs) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every path of the root filesystem, relative ("opt/java/bin/java"). */
    List<String> files() {
        try (Stream<Path> walk = Files.walk(rootfs)) {
            return walk.map(p -> rootfs.relativize(p).toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
