package dev.tmcp.test;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Gives integration tests a real PostgreSQL database and a real Kafka broker: containers when a
 * Docker engine answers, otherwise the local processes of the stack. Each call to
 * {@link #database} yields a fresh, empty database so test classes do not see each other's rows.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final boolean DOCKER = dockerAnswers();
    private static PostgreSQLContainer postgres;
    private static KafkaContainer kafka;
    private static GenericContainer<?> redis;

    private TestInfrastructure() {
    }

    public static synchronized void database(DynamicPropertyRegistry registry) {
        String name = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String host;
        int port;
        String user;
        String password;
        if (DOCKER) {
            if (postgres == null) {
                postgres = new PostgreSQLContainer("postgres:15-alpine");
                postgres.start();
            }
            host = postgres.getHost();
            port = postgres.getMappedPort(5432);
            user = postgres.getUsername();
            password = postgres.getPassword();
        } else {
            host = StackEnv.get("TMCP_DB_HOST");
            port = Integer.parseInt(StackEnv.get("TMCP_DB_PORT"));
            user = StackEnv.get("TMCP_DB_USER");
            password = StackEnv.get("TMCP_DB_PASSWORD");
        }
        Databases.create(host, port, user, password, name);
        registry.add("spring.r2dbc.url", () -> "r2dbc:postgresql://" + host + ":" + port + "/" + name);
        registry.add("spring.r2dbc.username", () -> user);
        registry.add("spring.r2dbc.password", () -> password);
        registry.add("spring.flyway.url", () -> "jdbc:postgresql://" + host + ":" + port + "/" + name);
        registry.add("spring.flyway.user", () -> user);
        registry.add("spring.flyway.password", () -> password);
        // Every service checks TEP revocations in Redis.
        registry.add("spring.data.redis.url", TestInfrastructure::redisUrl);
    }

    public static synchronized void kafka(DynamicPropertyRegistry registry) {
        if (DOCKER) {
            if (kafka == null) {
                kafka = new KafkaContainer("apache/kafka-native:4.1.0");
                kafka.start();
            }
            registry.add("spring.kafka.bootstrap-servers", kafka::getBootstrapServers);
        } else {
            registry.add("spring.kafka.bootstrap-servers", () -> StackEnv.get("KAFKA_BOOTSTRAP_SERVERS"));
        }
    }

    /** A Redis URL: a container when Docker answers, else the stack's Redis. */
    public static synchronized String redisUrl() {
        if (DOCKER) {
            if (redis == null) {
                redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
                redis.start();
            }
            return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
        }
        return StackEnv.get("REDIS_URL");
    }

    private static boolean dockerAnswers() {
        try {
            boolean available = DockerClientFactory.instance().isDockerAvailable();
            log.info("Docker engine {}: integration tests use {}", available ? "answers" : "absent",
                    available ? "Testcontainers" : "the local stack (.tmcp/stack.env)");
            return available;
        } catch (RuntimeException | Error e) {
            return false;
        }
    }
}
