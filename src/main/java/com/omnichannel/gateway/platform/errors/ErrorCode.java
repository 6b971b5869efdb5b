package com.omnichannel.gateway.platform.errors;

/** Codes of top-level GraphQL errors ({@code extensions.code}). */
public enum ErrorCode {
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    BAD_USER_INPUT,
    GRAPHQL_PARSE_FAILED,
    GRAPHQL_VALIDATION_FAILED,
    CART_STORE_UNAVAILABLE,
    /** PostgreSQL cannot be reached (down, restarting, connections refused or dropped); retry shortly. */
    DATABASE_UNAVAILABLE,
    /** Too many attempts of a rate-limited action; {@code extensions.retryAfterSeconds} says when to try again. */
    RATE_LIMITED,
    /** The request is not a well-formed GraphQL over HTTP request (body, parameters, content type, method). */
    BAD_REQUEST,
    /** The request body is larger than the configured limit. */
    REQUEST_TOO_LARGE,
    /** A persisted-query hash the server does not know; APQ clients retry with the full query. */
    PERSISTED_QUERY_NOT_FOUND,
    /** The caller's channel accepts only the registered operations of its client app. */
    OPERATION_NOT_ALLOWED,
    INTERNAL
}
