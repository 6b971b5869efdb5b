package com.omnichannel.gateway.platform.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.errors.ErrorCode;
import com.omnichannel.gateway.platform.graphql.GraphQLConfig;

import graphql.GraphQLError;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * Parses the documents of HTTP requests before the engine sees them, within the token limit
 * ({@code app.graphql.max-tokens}), so that an unparseable or oversized document is answered with
 * {@code GRAPHQL_PARSE_FAILED}: HTTP 200 for {@code application/json} clients and 400 for clients that accept
 * {@code application/graphql-response+json}, as GraphQL over HTTP asks. Documents parsed before skip the parse.
 */
@ApplicationScoped
public class ParsedDocuments {

    /** Clients send a small set of distinct documents; remembering that many bounds the memory arbitrary input can take. */
    static final int MAX_REMEMBERED_DOCUMENTS = 2000;

    private final Map<String, Document> parsed = new ConcurrentHashMap<>();
    private final ParserOptions parserOptions;

    public ParsedDocuments(GraphQLConfig config) {
        int maxTokens = config.maxTokens();
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(b -> b.maxTokens(maxTokens));
    }

    /** The document of this text, or a refusal with the parser's message and where it stopped. */
    public Document parse(RoutingContext ctx, String text) {
        Document document = parsed.get(text);
        if (document != null) {
            return document;
        }
        try {
            document = Parser.parse(ParserEnvironment.newParserEnvironment().document(text).parserOptions(parserOptions).build());
        } catch (InvalidSyntaxException e) {
            GraphQLError error = e.toInvalidSyntaxError();
            throw new HttpRefusal(GraphQLHttpAnswers.acceptsGraphQLResponse(ctx) ? 400 : 200, ErrorCode.GRAPHQL_PARSE_FAILED,
                    error.getMessage(), error.getLocations());
        }
        if (parsed.size() < MAX_REMEMBERED_DOCUMENTS) {
            parsed.put(text, document);
        }
        return document;
    }
}
