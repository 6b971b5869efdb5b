package com.omnichannel.gateway.platform.errors;

/**
 * Codes of top-level GraphQL errors ({@code extensions.code}), each with when it happens. The schema carries them as
 * the enum {@code ErrorCode} (no field returns it: it documents {@code extensions.code}), so a new code is one line here.
 */
public enum ErrorCode {
    UNAUTHENTICATED("The field needs a signed-in caller and the request has no valid token (missing, expired, forged or revoked)."),
    FORBIDDEN("The caller is signed in but may not do this: a role is missing, or the object belongs to someone else."),
    NOT_FOUND("The object a field or mutation names does not exist for this caller (e.g. an order, shipment or location by id)."),
    BAD_USER_INPUT("An argument is invalid (e.g. an id of the wrong type, 'first' over 100), or the operation is over the depth, complexity, "
            + "alias or fragment limits; nothing ran."),
    GRAPHQL_PARSE_FAILED("The document is not valid GraphQL syntax, or has more tokens than allowed."),
    GRAPHQL_VALIDATION_FAILED("The document does not fit the schema (unknown field, wrong argument type, ...), or its variables do not fit."),
    CART_STORE_UNAVAILABLE("Redis, which holds the carts, cannot be reached; retry shortly."),
    DATABASE_UNAVAILABLE("PostgreSQL cannot be reached (down, restarting, connections refused or dropped); retry shortly."),
    RATE_LIMITED("Too many attempts of a rate-limited action; extensions.retryAfterSeconds says when to try again."),
    BAD_REQUEST("The request is not a well-formed GraphQL over HTTP request (body, parameters, content type, method, a persisted-query "
            + "hash that does not match its document)."),
    REQUEST_TOO_LARGE("The request body is larger than the configured limit (HTTP 413)."),
    PERSISTED_QUERY_NOT_FOUND("A persisted-query hash the server does not know; APQ clients retry with the full document."),
    OPERATION_NOT_ALLOWED("The caller's channel accepts only the registered operations of its client app (HTTP 403, or an error message over "
            + "the WebSocket)."),
    INTERNAL("Anything unexpected; the cause is logged on the server, the client gets no detail.");

    private final String description;

    ErrorCode(String description) {
        this.description = description;
    }

    /** When the code happens, as the schema documents it. */
    public String description() {
        return description;
    }
}
