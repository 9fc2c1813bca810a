package io.dbbranch.engine.http;

import io.dbbranch.engine.ErrorCode;
import java.io.IOException;
import java.util.Set;

/** Turns HTTP statuses and transport failures into {@link ApiException}s with the engine's error codes. */
final class ApiFailures {
    private static final Set<String> ALREADY_EXISTS_CODES = Set.of("ALREADY_EXISTS", "RESOURCE_ALREADY_EXISTS");

    private ApiFailures() {
    }

    static ApiException ofStatus(ApiRequest request, int status, ApiError error, int attempts) {
        ErrorCode code = error.quota() ? ErrorCode.QUOTA_EXCEEDED : codeFor(status, error.code());
        String happened = "the server answered HTTP " + status + " (" + error.describe() + ")"
                + (attempts > 1 ? " after " + attempts + " attempts" : "");
        return new ApiException(code, message(request, happened, remedyFor(code)), status, error, false, attempts, null);
    }

    static ApiException ofTransport(ApiRequest request, IOException failure, boolean mayHaveArrived, int attempts) {
        String happened = "no answer from " + request + " (" + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()) + ")"
                + (attempts > 1 ? " after " + attempts + " attempts" : "");
        String remedy = failure instanceof java.net.UnknownHostException
                ? "Check the host name in the configured URL"
                : failure instanceof javax.net.ssl.SSLException
                ? "Check the URL's scheme and the server's TLS certificate"
                : "Check the URL and the network, then try again";
        return new ApiException(ErrorCode.UNAVAILABLE, message(request, happened, remedy), ApiException.NO_RESPONSE,
                null, mayHaveArrived, attempts, failure);
    }

    static ApiException unreadable(ApiRequest request, ApiResponse response, Exception cause) {
        String happened = "the response (" + response + ") could not be read: " + cause.getMessage();
        return new ApiException(ErrorCode.PROVIDER_ERROR,
                message(request, happened, "Check that the URL points at the right service"),
                response.status(), null, false, 1, cause);
    }

    static ErrorCode codeFor(int status, String apiCode) {
        return switch (status) {
            case 400, 422 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.AUTHENTICATION;
            case 403 -> ErrorCode.PERMISSION_DENIED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> apiCode != null && ALREADY_EXISTS_CODES.contains(apiCode) ? ErrorCode.ALREADY_EXISTS : ErrorCode.CONFLICT;
            case 423 -> ErrorCode.CONFLICT;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 502, 503, 504 -> ErrorCode.UNAVAILABLE;
            default -> ErrorCode.PROVIDER_ERROR;
        };
    }

    private static String remedyFor(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST -> "Correct the request as the server explains";
            case AUTHENTICATION -> "Check the credentials (client id and secret, or token) and that they belong to this "
                    + "workspace or account";
            case PERMISSION_DENIED -> "Grant the identity access to the project, or use one that has it";
            case NOT_FOUND -> "Check the names in the request (project, branch)";
            case ALREADY_EXISTS -> "Use another name, or delete the existing one";
            case CONFLICT -> "Another operation holds the resource: try again when it has finished";
            case QUOTA_EXCEEDED -> "The project's limit of live branches is reached: wait for other builds to finish "
                    + "(--wait), delete branches nobody needs, or raise the limit";
            case RATE_LIMITED -> "The service is throttling requests: try again later or run fewer builds at once";
            case UNAVAILABLE -> "The service is unavailable: try again later";
            default -> "If it persists, report it with this message";
        };
    }

    private static String message(ApiRequest request, String happened, String remedy) {
        return request.description() + ": " + happened + ". " + remedy;
    }
}
