package com.omnichannel.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class StoreQueryTest {

    @Inject
    TestData data;

    @Test
    void store_by_id_returns_address_and_coordinates() {
        var store = data.store("Teststore Alexanderplatz", 52.5219, 13.4132);
        var response = GraphQL.anonymous().ok("""
                query($id: ID!) { store(id: $id) { id name type address { city countryCode } coordinates { latitude longitude } } }""",
                "id", store.id());
        assertThat(response.getString("data.store.name")).isEqualTo("Teststore Alexanderplatz");
        assertThat(response.getString("data.store.type")).isEqualTo("STORE");
        assertThat(response.getDouble("data.store.coordinates.latitude")).isEqualTo(52.5219);
    }
}
