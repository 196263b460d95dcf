package dev.tmcp.web.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Request bodies: a control character in any string bound to a String is refused. */
class CleanTextModuleTest {

    private final JsonMapper mapper = JsonMapper.builder().addModule(new CleanTextModule()).build();

    record Note(String note, List<String> tags, Map<String, Object> proof) {
    }

    @Test
    void aNulInARecordComponentIsRefused() {
        assertThatThrownBy(() -> mapper.readValue("{\"note\":\"lunch\\u0000\"}", Note.class))
                .isInstanceOf(ControlCharacterException.class);
    }

    @Test
    void aNulInsideAListOrAnUntypedMapIsRefused() {
        assertThatThrownBy(() -> mapper.readValue("{\"tags\":[\"a\",\"b\\u0000\"]}", Note.class))
                .isInstanceOf(ControlCharacterException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"proof\":{\"pin\":{\"x\":\"\\u0000\"}}}", Note.class))
                .isInstanceOf(ControlCharacterException.class);
        assertThatThrownBy(() -> mapper.readValue("[\"\\u0000\"]", new TypeReference<List<Object>>() { }))
                .isInstanceOf(ControlCharacterException.class);
    }

    @Test
    void otherC0ControlCharactersAreRefusedToo() {
        assertThatThrownBy(() -> mapper.readValue("{\"note\":\"bell\\u0007\"}", Note.class))
                .isInstanceOf(ControlCharacterException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"note\":\"esc\\u001b[31m\"}", Note.class))
                .isInstanceOf(ControlCharacterException.class);
    }

    @Test
    void tabLineFeedCarriageReturnAndOrdinaryUnicodePass() {
        Note note = mapper.readValue("{\"note\":\"a\\tb\\nc\\r\\nd \\u00e9\\u2603 \\ud83c\\udf81\",\"tags\":[\"x\"],"
                + "\"proof\":{\"hashed_pin\":\"ab\",\"n\":1}}", Note.class);
        assertThat(note.note()).isEqualTo("a\tb\nc\r\nd é☃ 🎁");
        assertThat(note.tags()).containsExactly("x");
        assertThat(note.proof()).containsEntry("hashed_pin", "ab").containsEntry("n", 1);
    }

    @Test
    void theRuleItself() {
        assertThat(ControlCharacters.forbidden("\u0000")).isTrue();
        assertThat(ControlCharacters.forbidden("\u001f")).isTrue();
        assertThat(ControlCharacters.forbidden("\t\n\r ~\u007f\u0080")).isFalse();
    }
}
