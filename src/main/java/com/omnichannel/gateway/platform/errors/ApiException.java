package com.omnichannel.gateway.platform.errors;

import java.util.Map;

/**
 * A failure the client is told about as a top-level GraphQL error with {@code extensions.code}.
 * The message is written for API users; it never carries SQL, class names or stack traces.
 * Expected business failures of mutations are not exceptions but {@link UserError}s in the payload.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> extensions;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    /** With extra {@code extensions} entries beside the code, e.g. {@code retryAfterSeconds}. */
    public ApiException(ErrorCode code, String message, Map<String, Object> extensions) {
        // No stack trace: these are control flow for the client, not bugs.
        super(message, null, false, false);
        this.code = code;
        this.extensions = Map.copyOf(extensions);
    }

    public ErrorCode code() {
        return code;
    }

    /** Extra entries of the error's {@code extensions}; never contains {@code code}. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.NOT_FOUND, message);
    }

    public static ApiException badUserInput(String message) {
        return new ApiException(ErrorCode.BAD_USER_INPUT, message);
    }

    public static ApiException unauthenticated() {
        return new ApiException(ErrorCode.UNAUTHENTICATED, "Sign-in required");
    }

    public static ApiException forbidden() {
        return new ApiException(ErrorCode.FORBIDDEN, "Not allowed for this caller");
    }
}
