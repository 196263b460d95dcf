package dev.tmcp.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each service's image holds (decision 0047): the pinned JRE and nothing of a JDK, no shell,
 * user 10001 and nothing it owns, an immutable tag, the OpenTelemetry javaagent of
 * deploy/tracing/pom.xml, and an agent that starts inside the image when JAVA_TOOL_OPTIONS asks
 * for it. Needs root (mount and PID namespaces, chroot), as `tmcp test` runs. That each image starts its service is {@link RenderedEnvironmentIT}'s proof.
 */
class ServiceImageIT {

    private static final String JRE = property(Charts.repoRoot().resolve("pom.xml"), "image.jre");
    private static final String VERSION = property(Charts.repoRoot().resolve("pom.xml"), "version");
    private static final String AGENT_VERSION = property(Charts.repoRoot().resolve("deploy/tracing/pom.xml"), "otel.javaagent.version");
    private static final String AGENT = "opt/otel/opentelemetry-javaagent.jar";

    static List<String> services() {
        return Charts.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void holdsThePinnedJreTheAgentAndNoToolsAsUser10001(String service) throws Exception {
        assumeFalse(Boolean.getBoolean("skipImages"), "-DskipImages: no images were built");
        ServiceImage image = ServiceImage.unpack(service, "image-content");
        Path root = image.rootfs();
        Map<String, String> labels = image.labels();

        // An immutable tag: the version and the commit it was built from.
        String sha = ServiceImage.run("git", "-C", Charts.repoRoot().toString(), "rev-parse", "--short=12", "HEAD").trim();
        assertThat(image.reference()).isEqualTo("tmcp/" + service + ":" + VERSION + "-" + sha);
        assertThat(labels).containsEntry("org.opencontainers.image.version", VERSION)
                .containsEntry("org.opencontainers.image.revision", sha)
                .containsEntry("org.opencontainers.image.title", service);

        // Non-root, and nothing in the image belongs to that user (the app cannot change itself).
        assertThat(image.user()).isEqualTo("10001:10001");
        assertThat(Files.readAllLines(root.resolve("etc/passwd"))).contains("tmcp:x:10001:10001:tmcp:/tmp:/sbin/nologin");
        assertThat(Files.readAllLines(root.resolve("etc/group"))).contains("tmcp:x:10001:");
        assertThat(ServiceImage.run("find", root.toString(), "-xdev", "(", "-uid", "10001", "-o", "-gid", "10001", ")")).isEmpty();
        assertThat(ServiceImage.run("stat", "-c", "%a", root.resolve("tmp").toString()).trim()).isEqualTo("1777");

        // The pinned JRE, with java as its only launcher; no shell, no JDK tools.
        assertThat(labels).containsEntry("dev.tmcp.jre.version", JRE);
        assertThat(Files.readAllLines(root.resolve("opt/java/release"))).contains("JAVA_VERSION=\"" + JRE.replaceAll("[+-].*", "") + "\"");
        assertThat(image.entrypoint()).first().isEqualTo("/opt/java/bin/java");
        assertThat(root.resolve("opt/java/bin/java")).isExecutable();
        try (var bin = Files.list(root.resolve("opt/java/bin"))) {
            assertThat(bin.map(p -> p.getFileName().toString())).containsExactly("java");
        }
        List<String> names = image.files().stream().map(f -> f.substring(f.lastIndexOf('/') + 1)).toList();
        assertThat(names).doesNotContain("sh", "bash", "dash", "busybox", "javac", "jar", "jcmd", "jshell", "jlink", "jdb", "apt", "dpkg");
        assertThat(root.resolve("bin")).doesNotExist();
        assertThat(root.resolve("usr/bin")).doesNotExist();

        // The agent of deploy/tracing/pom.xml and the Zipkin exporter extension, not attached by default.
        assertThat(labels).containsEntry("dev.tmcp.otel.javaagent.version", AGENT_VERSION);
        try (JarFile agent = new JarFile(root.resolve(AGENT).toFile())) {
            assertThat(agent.getManifest().getMainAttributes().getValue("Implementation-Version")).isEqualTo(AGENT_VERSION);
        }
        assertThat(root.resolve("opt/otel/extensions/tmcp-otel-zipkin.jar")).isRegularFile();
        assertThat(image.env()).doesNotContainKeys("JAVA_TOOL_OPTIONS", "OTEL_JAVAAGENT_ENABLED");

        // What the charts' tracing.enabled sets is enough for the agent to start inside the image.
        assertThat(java(image, Map.of("JAVA_TOOL_OPTIONS", "-javaagent:/" + AGENT, "OTEL_TRACES_EXPORTER", "none"), "-version"))
                .contains("opentelemetry-javaagent - version: " + AGENT_VERSION)
                .contains("Runtime Environment Temurin-").contains("(build " + JRE + ")");
        image.delete();
    }

    /** The image's java, run from its root filesystem as its entrypoint would be, with the image's env plus {@code env}. */
    private static String java(ServiceImage image, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(image.launch());
        command.subList(command.size() - image.entrypoint().size(), command.size()).clear();
        command.add("/opt/java/bin/java");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(image.env());
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    /** The first {@code <name>} of the pom outside its parent block. */
    private static String property(Path pom, String name) {
        try {
            String text = Files.readString(pom).replaceFirst("(?s)<parent>.*?</parent>", "");
            Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("no <" + name + "> in " + pom);
            }
            return m.group(1).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
