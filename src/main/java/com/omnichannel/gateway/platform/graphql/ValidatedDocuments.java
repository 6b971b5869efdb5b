package com.omnichannel.gateway.platform.graphql;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.omnichannel.gateway.platform.cache.ByteBudgetCache;
import com.omnichannel.gateway.platform.http.ParsedDocuments;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

/**
 * The engine's cache of parsed and validated documents, in place of SmallRye's (which keeps 2,048 of them keyed by
 * their text, whatever their size): bounded by memory like {@link ParsedDocuments}
 * ({@code app.graphql.parsed-documents.max-bytes}, a budget of its own), least recently used first out. Only
 * documents that passed validation are kept; the others are parsed and validated again each time, as before.
 */
final class ValidatedDocuments implements PreparsedDocumentProvider {

    private final ByteBudgetCache<String, PreparsedDocumentEntry> documents;

    ValidatedDocuments(long maxBytes) {
        this.documents = new ByteBudgetCache<>(maxBytes,
                (text, entry) -> ParsedDocuments.estimatedBytes(text, entry.getDocument()));
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String text = input.getQuery();
        PreparsedDocumentEntry entry = documents.get(text);
        if (entry == null) {
            entry = parseAndValidate.apply(input);
            if (!entry.hasErrors() && entry.getDocument() != null) {
                documents.put(text, entry);
            }
        }
        return CompletableFuture.completedFuture(entry);
    }

    /** The validated document of this text, or null when it is not (or no longer) kept. */
    PreparsedDocumentEntry known(String text) {
        return documents.get(text);
    }

    long bytes() {
        return documents.bytes();
    }

    int size() {
        return documents.size();
    }
}
