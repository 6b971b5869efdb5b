package com.omnichannel.gateway.platform.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.http.ParsedDocuments;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Anonymous clients can send any number of distinct documents (a comment is enough to make one new): the documents
 * remembered for them, parsed at the gate ({@link ParsedDocuments}) and validated in the engine
 * ({@link ValidatedDocuments}), stay within their memory budgets, by the caches' own accounting and by the heap.
 */
@QuarkusTest
class DocumentCachesMemoryTest {

    /** Large documents sent, each of about 250,000 characters: unbounded, they would keep over 100 MB. */
    static final int DOCUMENTS = 200;

    @Inject
    ParsedDocuments documents;

    @Inject
    GraphQLConfig config;

    @Test
    void distinct_large_documents_are_answered_and_remembered_within_the_memory_budget() {
        long budget = config.parsedDocuments().maxBytes();
        long heapBefore = heapAfterGc();
        String padding = "x".repeat(250_000);
        for (int i = 0; i < DOCUMENTS; i++) {
            String query = "query Q" + i + " { __typename } # " + padding;
            String typename = given().contentType(ContentType.JSON).body(Map.of("query", query)).post("/graphql")
                    .then().statusCode(200).extract().jsonPath().getString("data.__typename");
            assertThat(typename).isEqualTo("Query");
            assertThat(documents.rememberedBytes()).isLessThanOrEqualTo(budget);
            assertThat(GatewayGraphQLCustomizer.engineDocuments().bytes()).isLessThanOrEqualTo(budget);
        }
        assertThat(documents.rememberedDocuments()).isBetween(1, DOCUMENTS - 1);
        assertThat(GatewayGraphQLCustomizer.engineDocuments().size()).isBetween(1, DOCUMENTS - 1);
        long grown = heapAfterGc() - heapBefore;
        assertThat(grown).as("heap grown by %d bytes", grown).isLessThan(2 * budget + 32L * 1024 * 1024);

        // Documents sent again are still recognised: the ones remembered last are the ones kept.
        String again = "query Q" + (DOCUMENTS - 1) + " { __typename } # " + padding;
        long before = documents.rememberedBytes();
        given().contentType(ContentType.JSON).body(Map.of("query", again)).post("/graphql").then().statusCode(200);
        assertThat(documents.rememberedBytes()).isEqualTo(before);
    }

    @Test
    void a_document_is_estimated_at_its_text_and_its_syntax_tree() {
        String small = "query { __typename }";
        String large = "query { " + "a: __typename ".repeat(1000) + "}";
        var parser = graphql.parser.Parser.parse(small);
        assertThat(ParsedDocuments.estimatedBytes(small, parser)).isLessThan(2_000);
        assertThat(ParsedDocuments.estimatedBytes(large, graphql.parser.Parser.parse(large)))
                .isGreaterThan(1000 * 200L);
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
