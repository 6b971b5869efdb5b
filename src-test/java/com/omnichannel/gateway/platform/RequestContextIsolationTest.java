package com.omnichannel.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.store.LocationDirectory;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.Race;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Each request runs as itself to its end. A client that hangs up while its request is still running leaves no
 * failures behind in the log: the request's context ends with the connection, and what was still to run is not run.
 * Requests that meet in a shared load (the in-memory locations, loaded once for every request that needs them while
 * they load) each go on as themselves: with their own caller, never another request's, and without the
 * "current thread cannot be blocked" failures a request context without its HTTP request gave.
 */
@QuarkusTest
class RequestContextIsolationTest {

    static String scanBarcode;

    @Inject
    TestData data;

    @Inject
    LocationDirectory locations;

    @TestHTTPResource("/graphql")
    URL endpoint;

    @BeforeAll
    static void readOperation() throws IOException {
        scanBarcode = Files.readString(Path.of("graphql-schema/operations/kiosk/ScanBarcode.graphql"), StandardCharsets.UTF_8);
    }

    @Test
    void clients_that_hang_up_mid_request_leave_no_failures_in_the_log() throws Exception {
        var store = data.store(TestData.unique("Hang-up store"), 52.5, 13.4);
        var product = data.product(TestData.unique("Hang-up coat"), null, 12999);
        data.stock(product.variant(0), store, 5);
        String query = "query($slug:String!){ product(slug:$slug){ id variants { id sku"
                + " storeAvailability(first:5, near:{lat:52.52,lng:13.40}) { available store { name } } } } }";
        String body = new io.vertx.core.json.JsonObject().put("query", query)
                .put("variables", new io.vertx.core.json.JsonObject().put("slug", product.slug())).encode();
        byte[] request = ("POST " + endpoint.getPath() + " HTTP/1.1\r\nHost: " + endpoint.getHost() + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
        // A complete answer first: the query works.
        GraphQL.anonymous().ok(query, "slug", product.slug());

        try (LoggingTest.Capture log = new LoggingTest.Capture()) {
            for (int attempt = 0; attempt < 120; attempt++) {
                try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
                    socket.setSoLinger(true, 0);
                    OutputStream out = socket.getOutputStream();
                    out.write(request);
                    out.flush();
                    long hangUpAfterMicros = (attempt % 40) * 150L;
                    Thread.sleep(hangUpAfterMicros / 1000, (int) (hangUpAfterMicros % 1000) * 1000);
                }
            }
            Thread.sleep(1000);
            assertThat(log.lines).filteredOn(line -> line.contains("Unexpected failure") || line.contains("cannot be blocked"))
                    .isEmpty();
        }
        // And the service answers as before.
        GraphQL.anonymous().ok(query, "slug", product.slug());
    }

    @Test
    void kiosks_of_two_stores_scanning_while_the_locations_load_each_get_their_own_store_and_no_errors() throws Exception {
        var north = data.store(TestData.unique("Isolation north"), 52.5, 13.4);
        var south = data.store(TestData.unique("Isolation south"), 48.1, 11.6);
        var product = data.product(TestData.unique("Isolation boots"), null, 5999);
        data.stock(product.variant(0), north, 3);
        data.stock(product.variant(0), south, 11);
        String barcode = product.variant(0).barcode();

        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            locations.invalidate();
            List<Callable<String>> scans = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                boolean atNorth = i % 2 == 0;
                String storeId = atNorth ? north.id() : south.id();
                int expected = atNorth ? 3 : 11;
                GraphQL kiosk = GraphQL.as(Tokens.kiosk(storeId, "isolation-" + UUID.randomUUID()));
                scans.add(() -> {
                    JsonPath answer = kiosk.execute(scanBarcode, "barcode", barcode, "nearbyStoreCount", 3);
                    if (answer.get("errors") != null) {
                        return "errors: " + answer.getList("errors");
                    }
                    String here = answer.getString("data.productVariant.availabilityHere.store.id");
                    int available = answer.getInt("data.productVariant.availabilityHere.available");
                    return here.equals(storeId) && available == expected ? null
                            : "kiosk of " + storeId + " was answered for " + here + " (" + available + ")";
                });
            }
            for (String failure : Race.run(scans)) {
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
