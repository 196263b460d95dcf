package dev.tmcp.charts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** YAML as plain maps and lists. */
final class Yaml {

    static final YAMLMapper MAPPER = new YAMLMapper();

    private Yaml() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readMap(Path file) {
        Map<String, Object> map = MAPPER.readValue(file.toFile(), Map.class);
        return map == null ? Map.of() : map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readMap(String yaml) {
        Map<String, Object> map = MAPPER.readValue(yaml, Map.class);
        return map == null ? Map.of() : map;
    }

    /** Every non-empty document of a multi-document stream (helm's output). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Map> it = MAPPER.readerFor(Map.class).readValues(yaml)) {
            while (it.hasNext()) {
                Map document = it.next();
                if (document != null && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    static List<String> strings(Object list) {
        if (list == null) {
            return List.of();
        }
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }
}
