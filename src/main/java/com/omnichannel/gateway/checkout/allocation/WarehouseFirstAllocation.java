package com.omnichannel.gateway.checkout.allocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.cart.FulfilmentType;

import io.quarkus.arc.DefaultBean;

/**
 * The default allocation policy.
 * <ul>
 * <li>Pickup and curbside: everything from the chosen store, or nothing.</li>
 * <li>Shipping: one location that can fill the whole order if there is one (warehouses by priority first, then
 * stores by priority), so the shopper gets one parcel; otherwise line by line from warehouses by priority, then
 * stores (ship-from-store), splitting a line across locations when needed. Each location used becomes one
 * shipment.</li>
 * </ul>
 */
@DefaultBean
@ApplicationScoped
public class WarehouseFirstAllocation implements AllocationStrategy {

    private static final Comparator<Supply> PREFERENCE = Comparator.comparing((Supply s) -> !s.warehouse())
            .thenComparingInt(Supply::priority).thenComparingLong(Supply::locationKey);

    @Override
    public Plan allocate(List<Demand> demand, List<Supply> supply, FulfilmentType fulfilment, Long pickupLocationKey) {
        Map<Long, Map<Long, Integer>> availableByLocation = new LinkedHashMap<>();
        Map<Long, Supply> locations = new HashMap<>();
        supply.stream().sorted(PREFERENCE).forEach(s -> {
            if (fulfilment != FulfilmentType.SHIP && !Long.valueOf(s.locationKey()).equals(pickupLocationKey)) {
                return;
            }
            availableByLocation.computeIfAbsent(s.locationKey(), k -> new HashMap<>()).merge(s.variantKey(), Math.max(s.available(), 0), Integer::sum);
            locations.putIfAbsent(s.locationKey(), s);
        });

        // One location for everything, in order of preference.
        for (Map.Entry<Long, Map<Long, Integer>> location : availableByLocation.entrySet()) {
            if (demand.stream().allMatch(d -> location.getValue().getOrDefault(d.variantKey(), 0) >= d.quantity())) {
                List<Allocation> all = demand.stream().map(d -> new Allocation(location.getKey(), d.variantKey(), d.quantity())).toList();
                return new Plan(all, List.of());
            }
        }
        if (fulfilment != FulfilmentType.SHIP) {
            return new Plan(List.of(), shortfalls(demand, availableByLocation));
        }

        // Line by line, splitting across locations in order of preference.
        List<Allocation> allocations = new ArrayList<>();
        for (Demand d : demand) {
            int missing = d.quantity();
            for (Map.Entry<Long, Map<Long, Integer>> location : availableByLocation.entrySet()) {
                if (missing == 0) {
                    break;
                }
                int here = location.getValue().getOrDefault(d.variantKey(), 0);
                int take = Math.min(here, missing);
                if (take > 0) {
                    allocations.add(new Allocation(location.getKey(), d.variantKey(), take));
                    location.getValue().put(d.variantKey(), here - take);
                    missing -= take;
                }
            }
            if (missing > 0) {
                return new Plan(List.of(), shortfalls(demand, availableByLocationOf(supply)));
            }
        }
        return new Plan(allocations, List.of());
    }

    private static Map<Long, Map<Long, Integer>> availableByLocationOf(List<Supply> supply) {
        Map<Long, Map<Long, Integer>> result = new HashMap<>();
        supply.forEach(s -> result.computeIfAbsent(s.locationKey(), k -> new HashMap<>()).merge(s.variantKey(), Math.max(s.available(), 0), Integer::sum));
        return result;
    }

    private static List<Shortfall> shortfalls(List<Demand> demand, Map<Long, Map<Long, Integer>> available) {
        List<Shortfall> result = new ArrayList<>();
        for (Demand d : demand) {
            int total = available.values().stream().mapToInt(m -> m.getOrDefault(d.variantKey(), 0)).sum();
            if (total < d.quantity()) {
                result.add(new Shortfall(d.variantKey(), d.quantity(), total));
            }
        }
        return result;
    }
}
