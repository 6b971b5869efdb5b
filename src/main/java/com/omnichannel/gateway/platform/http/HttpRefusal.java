package com.omnichannel.gateway.platform.http;

import java.util.List;

import com.omnichannel.gateway.platform.errors.ErrorCode;

import graphql.language.SourceLocation;

/** A GraphQL request refused before the engine runs it, with the HTTP status and error it is answered with. */
public final class HttpRefusal extends RuntimeException {

    private final int status;
    private final ErrorCode code;
    private final List<SourceLocation> locations;

    public HttpRefusal(int status, ErrorCode code, String message) {
        this(status, code, message, null);
    }

    public HttpRefusal(int status, ErrorCode code, String message, List<SourceLocation> locations) {
        // No stack trace: an answer to the client, not a failure of the service.
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.locations = locations;
    }

    public int status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    /** Where in the document the problem is, or null. */
    public List<SourceLocation> locations() {
        return locations;
    }
}
