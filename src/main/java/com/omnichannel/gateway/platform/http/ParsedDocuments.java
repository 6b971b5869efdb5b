package com.omnichannel.gateway.platform.http;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.cache.ByteBudgetCache;
import com.omnichannel.gateway.platform.errors.ErrorCode;
import com.omnichannel.gateway.platform.graphql.GraphQLConfig;

import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.Node;
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
 * <p>
 * Anyone can send documents, each different (a comment is enough), so what is remembered is bounded by memory
 * ({@code app.graphql.parsed-documents.max-bytes}), not by count: a parsed document is estimated at its text (held
 * as the key) plus what its syntax tree takes per node, and the least recently used go first.
 */
@ApplicationScoped
public class ParsedDocuments {

    /**
     * Estimated bytes per node of a syntax tree: the node, its source location, its lists of children and
     * directives (measured at 150 to 250 on graphql-java 24; the test of this cache checks the heap).
     */
    static final long BYTES_PER_NODE = 256;
    /** Estimated bytes per character of the text: the key, and what the tree copies of it (names, strings, comments). */
    static final long BYTES_PER_CHAR = 4;

    private final ByteBudgetCache<String, Document> parsed;
    private final ParserOptions parserOptions;

    public ParsedDocuments(GraphQLConfig config) {
        int maxTokens = config.maxTokens();
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(b -> b.maxTokens(maxTokens));
        this.parsed = new ByteBudgetCache<>(config.parsedDocuments().maxBytes(), ParsedDocuments::estimatedBytes);
    }

    /** What a remembered document is estimated to hold in memory, its text included. */
    public static long estimatedBytes(String text, Document document) {
        return 64 + BYTES_PER_CHAR * text.length() + BYTES_PER_NODE * nodes(document);
    }

    private static long nodes(Node<?> node) {
        long count = 1;
        for (Node<?> child : node.getChildren()) {
            count += nodes(child);
        }
        return count;
    }

    /** The estimated bytes of the remembered documents (never above the budget). */
    public long rememberedBytes() {
        return parsed.bytes();
    }

    public int rememberedDocuments() {
        return parsed.size();
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
        parsed.put(text, document);
        return document;
    }
}
