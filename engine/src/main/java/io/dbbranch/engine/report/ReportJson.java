package io.dbbranch.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON form of the engine's reports (migration reports, schema diffs): ISO-8601 times and durations,
 * properties in declaration order, map keys sorted, nulls left out, indented. Stable output matters: a report
 * that did not change must serialise to the same bytes, so that front ends can tell.
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            // Reports carry derived values (counts, flags) that are not constructor parameters.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ReportJson() {
    }

    /** The shared, configured mapper (thread-safe); use it to read reports back as well. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code report} as indented JSON. */
    public static String write(Object report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            // Reports are plain records of strings, numbers and times: failing here is a programming error.
            throw new IllegalStateException("Cannot serialise " + report.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
