package com.omnichannel.gateway.common.error;

/** Codes of top-level GraphQL errors ({@code extensions.code}). */
public enum ErrorCode {
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    BAD_USER_INPUT,
    GRAPHQL_PARSE_FAILED,
    GRAPHQL_VALIDATION_FAILED,
    CART_STORE_UNAVAILABLE,
    INTERNAL
}
