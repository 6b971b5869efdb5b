package com.omnichannel.gateway.order;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.cart.CartFulfilment;
import com.omnichannel.gateway.catalog.CatalogConfig;
import com.omnichannel.gateway.order.OrderRows.LineRow;
import com.omnichannel.gateway.order.OrderRows.OrderRow;
import com.omnichannel.gateway.order.OrderRows.ShipmentRow;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Uni;

/** Turns stored orders, lines and shipments into what the API answers with; locations come from the stores, in one read. */
@ApplicationScoped
public class OrderMapper {

    private final StoreService stores;
    private final String currency;

    public OrderMapper(StoreService stores, CatalogConfig catalogConfig) {
        this.stores = stores;
        this.currency = catalogConfig.currency();
    }

    Uni<Order> single(OrderRow row) {
        return orders(List.of(row)).map(orders -> orders.get(0));
    }

    Uni<List<Order>> orders(List<OrderRow> rows) {
        return orders(rows, row -> null);
    }

    /** @param contents the lines and shipments known of an order already (see {@link Order.Contents}), or null */
    Uni<List<Order>> orders(List<OrderRow> rows, Function<OrderRow, Order.Contents> contents) {
        Set<Long> locationKeys = new LinkedHashSet<>();
        rows.forEach(r -> {
            if (r.pickupLocationKey() != null) {
                locationKeys.add(r.pickupLocationKey());
            }
        });
        Uni<Map<Long, Location>> locations = locationKeys.isEmpty() ? Uni.createFrom().item(Map.of()) : stores.locationsByKeys(locationKeys);
        return locations.map(byKey -> rows.stream()
                .map(r -> order(r, r.pickupLocationKey() == null ? null : byKey.get(r.pickupLocationKey()), contents.apply(r))).toList());
    }

    /** Orders read with their lines and shipments (see {@link OrderRows.OrderWithContents}); locations from the stores. */
    Uni<List<Order>> ordersWithContents(List<OrderRows.OrderWithContents> page) {
        boolean shipmentsRead = !page.isEmpty() && page.get(0).shipments() != null;
        Map<Long, List<ShipmentRow>> shipmentRows = new HashMap<>();
        Map<Long, OrderRows.OrderWithContents> byKey = new HashMap<>();
        page.forEach(o -> {
            byKey.put(o.order().id(), o);
            if (o.shipments() != null) {
                shipmentRows.put(o.order().id(), o.shipments());
            }
        });
        Uni<Map<Long, List<Shipment>>> shipments = shipmentsRead ? shipments(shipmentRows) : Uni.createFrom().item(Map.of());
        return shipments.chain(shipmentsByOrder -> orders(page.stream().map(OrderRows.OrderWithContents::order).toList(), row -> {
            OrderRows.OrderWithContents read = byKey.get(row.id());
            return new Order.Contents(read.lines() == null ? null : read.lines().stream().map(this::line).toList(),
                    shipmentsRead ? shipmentsByOrder.getOrDefault(row.id(), List.of()) : null);
        }));
    }

    private static Order order(OrderRow r, Location pickup, Order.Contents contents) {
        String c = r.currency();
        return new Order(Order.globalId(r.id()), r.number(), r.status(), r.status().next(r.fulfilmentType()), r.email(),
                r.sourceChannel(), r.cartChannels(), r.cartChannels(), r.fulfilmentType(), pickup, new CartFulfilment(r.fulfilmentType(), pickup, null, null),
                OrderAddress.fromJson(r.shippingAddress()),
                r.curbsideNote(), Money.ofMinor(r.subtotal(), c), Money.ofMinor(r.discount(), c), Money.ofMinor(r.shipping(), c),
                Money.ofMinor(r.tax(), c), Money.ofMinor(r.total(), c), r.pricesIncludeTax(), r.paymentMethod(), r.paymentStatus(),
                r.cardLast4(), r.placedAt(), r.updatedAt(), r.id(), r.customerId(), r.paymentReference(), r.paymentDue(), contents, null);
    }

    OrderLine line(LineRow l) {
        return new OrderLine(OrderLine.globalId(l.id()), l.sku(), l.productName(), l.variantTitle(), l.quantity(),
                Money.ofMinor(l.unitPrice(), currency), Money.ofMinor(l.unitPrice() * l.quantity(), currency),
                Money.ofMinor(l.discount(), currency), Money.ofMinor(l.tax(), currency),
                Money.ofMinor(l.total(), currency), l.channel(), l.id(), l.orderId(), l.variantId());
    }

    /** Shipments by parent key, each with its location. */
    Uni<Map<Long, List<Shipment>>> shipments(Map<Long, List<ShipmentRow>> byParent) {
        Set<Long> locationKeys = new LinkedHashSet<>();
        byParent.values().forEach(list -> list.forEach(s -> locationKeys.add(s.locationId())));
        if (locationKeys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return stores.locationsByKeys(locationKeys).map(locations -> {
            Map<Long, List<Shipment>> result = new HashMap<>();
            byParent.forEach((k, rows) -> result.put(k, rows.stream()
                    .map(s -> new Shipment(Shipment.globalId(s.id()), s.status(), s.status().next(s.fulfilmentType()), s.fulfilmentType(),
                            locations.get(s.locationId()), s.carrier(), s.trackingNumber(), s.createdAt(), s.updatedAt(), s.id()))
                    .toList()));
            return result;
        });
    }
}
