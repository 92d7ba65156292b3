package dev.sheepop.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one Jackson configuration used for every JSON file SheepOp reads or writes. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndRegisterModules();

    private Json() {
    }

    /** A shared, thread-safe mapper: pretty output, unknown properties are errors. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
