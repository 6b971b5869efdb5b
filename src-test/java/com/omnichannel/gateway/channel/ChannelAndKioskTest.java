package com.omnichannel.gateway.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ChannelAndKioskTest {

    @Inject
    TestData data;

    static final String VIEWER = "{ viewer { channel authenticated roles store { id name } } }";

    @Test
    void channel_comes_from_the_header_for_shoppers_and_from_the_token_for_kiosks_and_staff() {
        assertThat(GraphQL.anonymous().ok(VIEWER).getString("data.viewer.channel")).isEqualTo("WEB");
        assertThat(GraphQL.anonymous().channel("mobile").ok(VIEWER).getString("data.viewer.channel")).isEqualTo("MOBILE");
        assertThat(GraphQL.as(Tokens.customer("c-1")).channel("MOBILE").ok(VIEWER).getBoolean("data.viewer.authenticated")).isTrue();
        assertThat(GraphQL.as(Tokens.staff()).ok(VIEWER).getString("data.viewer.channel")).isEqualTo("STAFF");

        var store = data.store("Viewer store", 52.0, 13.0);
        // A kiosk token always means KIOSK, whatever header a device sends.
        var kiosk = GraphQL.as(Tokens.kiosk(store.id())).channel("WEB").ok(VIEWER);
        assertThat(kiosk.getString("data.viewer.channel")).isEqualTo("KIOSK");
        assertThat(kiosk.getString("data.viewer.store.id")).isEqualTo(store.id());
    }

    @Test
    void claiming_a_kiosk_or_staff_channel_without_the_token_is_refused_and_unknown_channels_are_bad_input() {
        assertThat(GraphQL.anonymous().channel("KIOSK").execute(VIEWER).getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(GraphQL.as(Tokens.customer("c-2")).channel("STAFF").execute(VIEWER).getString("errors[0].extensions.code"))
                .isEqualTo("FORBIDDEN");
        assertThat(GraphQL.anonymous().channel("FAX").execute(VIEWER).getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
    }

    static final String REGISTER = """
            mutation($input: KioskDeviceRegisterInput!) {
              kioskDeviceRegister(input: $input) { kioskDevice { id name store { id } } token userErrors { code field } }
            }""";

    @Test
    void staff_register_a_kiosk_whose_token_works_as_a_kiosk_bound_to_its_store() {
        var store = data.store("Kiosk home", 48.0, 11.0);
        var response = GraphQL.as(Tokens.admin()).ok(REGISTER, "input", Map.of("name", "Entrance kiosk", "storeId", store.id()));
        assertThat(response.getList("data.kioskDeviceRegister.userErrors")).isEmpty();
        assertThat(response.getString("data.kioskDeviceRegister.kioskDevice.store.id")).isEqualTo(store.id());
        String token = response.getString("data.kioskDeviceRegister.token");
        assertThat(data.count("SELECT count(*) FROM kiosk_device WHERE location_id = $1", store.key())).isEqualTo(1);

        var viewer = GraphQL.as(token).ok(VIEWER);
        assertThat(viewer.getString("data.viewer.channel")).isEqualTo("KIOSK");
        assertThat(viewer.getList("data.viewer.roles")).containsExactly("kiosk");
        assertThat(viewer.getString("data.viewer.store.name")).isEqualTo("Kiosk home");

        // A kiosk cannot register further devices.
        var byKiosk = GraphQL.as(token).execute(REGISTER, "input", Map.of("name", "Rogue", "storeId", store.id()));
        assertThat(byKiosk.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
    }

    @Test
    void registering_a_kiosk_for_a_warehouse_or_unknown_store_is_a_user_error() {
        var warehouse = data.warehouse("Not a store", 50.0, 9.0);
        long before = data.count("SELECT count(*) FROM kiosk_device");
        var response = GraphQL.as(Tokens.staff()).ok(REGISTER, "input", Map.of("name", "Kiosk", "storeId", warehouse.id()));
        assertThat(response.getString("data.kioskDeviceRegister.userErrors[0].code")).isEqualTo("UNKNOWN_STORE");
        assertThat(response.getString("data.kioskDeviceRegister.token")).isNull();
        var blank = GraphQL.as(Tokens.staff()).ok(REGISTER, "input", Map.of("name", " ", "storeId", warehouse.id()));
        assertThat(blank.getString("data.kioskDeviceRegister.userErrors[0].code")).isEqualTo("INVALID_NAME");
        assertThat(data.count("SELECT count(*) FROM kiosk_device")).isEqualTo(before);
    }
}
