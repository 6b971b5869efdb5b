package com.omnichannel.gateway.common.graphql;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

/**
 * Keeps parsed and validated documents so that repeated operations skip parsing and validation.
 * Only valid documents are kept, and only up to a bound, so arbitrary client input cannot grow it without limit.
 */
public class ValidatedDocumentCache implements PreparsedDocumentProvider {

    /** The engine builds one cache; the request gate consults it to skip parsing documents it knows are valid. */
    private static volatile ValidatedDocumentCache current;

    private final int maxEntries;
    private final ConcurrentHashMap<String, PreparsedDocumentEntry> entries = new ConcurrentHashMap<>();

    public ValidatedDocumentCache(int maxEntries) {
        this.maxEntries = maxEntries;
        current = this;
    }

    public static boolean isKnownValid(String query) {
        ValidatedDocumentCache cache = current;
        return cache != null && cache.entries.containsKey(query);
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        PreparsedDocumentEntry cached = entries.get(query);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        PreparsedDocumentEntry entry = parseAndValidate.apply(input);
        if (!entry.hasErrors() && entries.size() < maxEntries) {
            entries.putIfAbsent(query, entry);
        }
        return CompletableFuture.completedFuture(entry);
    }
}
