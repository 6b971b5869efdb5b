package com.omnichannel.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.order.OrderRows.LineRow;
import com.omnichannel.gateway.order.OrderRows.ShipmentLineRow;
import com.omnichannel.gateway.order.OrderRows.ShipmentRow;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.security.Channel;

/** Which splits and merges of shipments the rules allow, without Quarkus. */
class ShipmentRulesTest {

    private static ShipmentLineRow units(long lineKey, int quantity) {
        return new ShipmentLineRow(1, quantity, new LineRow(lineKey, 7, 0, 3, "SKU", "Product", "Variant", quantity, 100, 0, 0, 100,
                Channel.WEB), "OC-1");
    }

    private static ShipmentRow shipment(long id, long location, FulfilmentType type, ShipmentStatus status) {
        OffsetDateTime now = OffsetDateTime.now();
        return new ShipmentRow(id, location, type, status, null, null, now, now);
    }

    @Test
    void a_split_moves_units_the_shipment_holds_and_leaves_some_behind() {
        List<ShipmentLineRow> lines = List.of(units(1, 2), units(2, 1));

        assertThat(Shipments.splitRefusal(lines, Map.of(1L, 2))).isNull();
        assertThat(Shipments.splitRefusal(lines, Map.of(1L, 1, 2L, 1))).isNull();
        assertThat(Shipments.splitRefusal(lines, Map.of(1L, 3))).extracting(e -> e.code().name()).isEqualTo("INVALID_SPLIT");
        assertThat(Shipments.splitRefusal(lines, Map.of(9L, 1))).extracting(e -> e.code().name()).isEqualTo("INVALID_SPLIT");
        assertThat(Shipments.splitRefusal(lines, Map.of(1L, 2, 2L, 1)).message()).contains("at least one unit");
    }

    @Test
    void only_pending_shipments_from_one_location_of_one_fulfilment_type_merge() {
        ShipmentRow a = shipment(1, 10, FulfilmentType.PICKUP, ShipmentStatus.PENDING);

        assertThat(Shipments.mergeRefusal(List.of(a, shipment(2, 10, FulfilmentType.PICKUP, ShipmentStatus.PENDING)))).isNull();
        assertThat(Shipments.mergeRefusal(List.of(a, shipment(2, 10, FulfilmentType.PICKUP, ShipmentStatus.READY_FOR_PICKUP))).message())
                .contains("PENDING");
        assertThat(Shipments.mergeRefusal(List.of(a, shipment(2, 11, FulfilmentType.PICKUP, ShipmentStatus.PENDING))).message())
                .contains("same location");
        assertThat(Shipments.mergeRefusal(List.of(a, shipment(2, 10, FulfilmentType.CURBSIDE, ShipmentStatus.PENDING))).message())
                .contains("same fulfilment type");
    }
}
