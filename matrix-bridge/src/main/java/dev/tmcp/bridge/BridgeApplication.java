package dev.tmcp.bridge;

import dev.tmcp.bridge.registration.RegistrationFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BridgeApplication {

    /** {@code registration --output FILE} writes the AS registration from the environment and exits. */
    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("registration")) {
            writeRegistration(args);
            return;
        }
        SpringApplication.run(BridgeApplication.class, args);
    }

    private static void writeRegistration(String[] args) throws IOException {
        if (args.length != 3 || !args[1].equals("--output")) {
            System.err.println("usage: matrix-bridge registration --output FILE");
            System.exit(2);
        }
        String yaml = RegistrationFile.yaml(env("TMCP_AS_ID", "tween-miniapps"),
                env("MATRIX_BRIDGE_URL", "http://127.0.0.1:8086"), required("TMCP_AS_TOKEN"),
                required("TMCP_HS_TOKEN"), "_tmcp", env("SYNAPSE_SERVER_NAME", "localhost"));
        Path output = Path.of(args[2]);
        Files.writeString(output, yaml);
        Files.setPosixFilePermissions(output, PosixFilePermissions.fromString("rw-r-----"));
        System.out.println("wrote Application Service registration to " + output);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println(name + " must be set");
            System.exit(2);
        }
        return value;
    }
}
