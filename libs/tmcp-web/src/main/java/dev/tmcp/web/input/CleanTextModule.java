package dev.tmcp.web.input;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses forbidden control characters in every JSON string bound to a {@code String}: record
 * components, collections and the values of untyped maps ({@code Map<String, Object>}). Trees
 * ({@code JsonNode}) are not checked; their handlers pass content on rather than store it.
 */
public class CleanTextModule extends SimpleModule {

    public CleanTextModule() {
        super("tmcp-clean-text");
        addDeserializer(String.class, new CleanStringDeserializer());
    }

    static final class CleanStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            String value = super.deserialize(p, ctxt);
            if (value != null && ControlCharacters.forbidden(value)) {
                throw new ControlCharacterException(p);
            }
            return value;
        }
    }
}
