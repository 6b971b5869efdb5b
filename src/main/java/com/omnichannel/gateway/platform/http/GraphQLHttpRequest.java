package com.omnichannel.gateway.platform.http;

import io.vertx.core.json.JsonObject;

/**
 * What one GraphQL request asks for, read from a JSON body, an {@code application/graphql} body or GET parameters.
 *
 * @param query            the document, or null when the request sent none (or only blanks)
 * @param operationName    the operation to run, or null
 * @param body             the request as a JSON object (GET parameters gathered into one), or null for
 *                         {@code application/graphql} bodies
 * @param persistedHash    {@code extensions.persistedQuery.sha256Hash} in lower case, or null
 * @param persistedVersion {@code extensions.persistedQuery.version}, or null
 */
public record GraphQLHttpRequest(String query, String operationName, JsonObject body, String persistedHash,
        Integer persistedVersion) {

    /** The request's variables as sent (a JSON object), or null. */
    public Object variables() {
        return body == null ? null : body.getValue("variables");
    }
}
