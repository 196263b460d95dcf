import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the suite's topics that do not exist yet, in one round trip (one JVM instead of one
 * kafka-topics run per topic). Prints each topic it created.
 *   java -cp "$KAFKA_HOME/libs/*" CreateTopics.java BOOTSTRAP PARTITIONS TOPIC...
 */
public class CreateTopics {

    public static void main(String[] args) throws Exception {
        int partitions = Integer.parseInt(args[1]);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : List.of(args).subList(2, args.length)) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, (short) 1));
                }
            }
            admin.createTopics(missing).all().get();
            missing.forEach(t -> System.out.println(t.name()));
        }
    }
}
