package io.dbbranch.testkit.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How an API writes its error bodies. */
@FunctionalInterface
public interface ErrorStyle {
    /** Databricks: {@code {"error_code": "NOT_FOUND", "message": "..."}}. */
    ErrorStyle DATABRICKS = (status, code, message) -> JsonNodeFactory.instance.objectNode()
            .put("error_code", code).put("message", message);

    /** Neon: {@code {"code": "...", "message": "..."}}. */
    ErrorStyle NEON = (status, code, message) -> JsonNodeFactory.instance.objectNode()
            .put("code", code).put("message", message);

    ObjectNode render(int status, String code, String message);
}
