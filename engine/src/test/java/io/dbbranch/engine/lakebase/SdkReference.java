package io.dbbranch.engine.lakebase;

import com.databricks.sdk.core.ApiClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import com.databricks.sdk.core.retry.NoRetryStrategyPicker;
import com.databricks.sdk.core.utils.SerDeUtils;
import com.databricks.sdk.service.postgres.PostgresAPI;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The official Databricks SDK for Java as the reference of the Lakebase contract: its {@code postgres} service,
 * run against an HTTP client that records each request and answers {@code {}}, and its object mapper made strict
 * (unknown properties and enum values fail), to read what our client sends.
 */
final class SdkReference {
    static final String HOST = "https://dbc-1.cloud.databricks.com";

    /** A request as sent: method, path and query (name to value), for comparing the SDK's with ours. */
    record Sent(String method, String path, Map<String, String> query) {
        /** One of our requests as {@link io.dbbranch.engine.http.StubServer} received it. */
        static Sent of(String method, String pathAndQuery) {
            URI uri = URI.create(pathAndQuery);
            Map<String, String> query = new TreeMap<>();
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    String[] parts = pair.split("=", 2);
                    query.put(decode(parts[0]), parts.length == 2 ? decode(parts[1]) : "");
                }
            }
            return new Sent(method, uri.getRawPath(), query);
        }

        private static String decode(String text) {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    private final PostgresAPI postgres;

    SdkReference() {
        ApiClient client = new ApiClient.Builder()
                .withHttpClient(this::record)
                .withGetHostFunc(v -> HOST)
                .withAuthenticateFunc(v -> Map.of("Authorization", "Bearer reference"))
                .withGetAuthTypeFunc(v -> "pat")
                .withRetryStrategyPicker(new NoRetryStrategyPicker())
                .build();
        this.postgres = new PostgresAPI(client);
    }

    /** The SDK's {@code postgres} service, sending to the recorder. */
    PostgresAPI postgres() {
        return postgres;
    }

    /** The last request the SDK sent. */
    Sent last() {
        return sent.get(sent.size() - 1);
    }

    /** The SDK's own mapper, but failing on any property or enum value its models do not know. */
    static ObjectMapper strictMapper() {
        return SerDeUtils.createMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, false);
    }

    /** The SDK's mapper as it is, to write the service's answers from its models. */
    static ObjectMapper mapper() {
        return SerDeUtils.createMapper();
    }

    private Response record(Request request) {
        URI url = URI.create(request.getUrl());
        Map<String, String> query = new TreeMap<>();
        for (Map.Entry<String, List<String>> param : new LinkedHashMap<>(request.getQuery()).entrySet()) {
            query.put(param.getKey(), String.join(",", param.getValue()));
        }
        sent.add(new Sent(request.getMethod(), url.getRawPath(), query));
        return new Response(request, 200, "OK", Map.of("Content-Type", List.of("application/json")), "{}");
    }
}
