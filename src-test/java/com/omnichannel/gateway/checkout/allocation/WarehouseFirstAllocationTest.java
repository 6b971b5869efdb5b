package com.omnichannel.gateway.checkout.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.checkout.allocation.AllocationStrategy.Allocation;
import com.omnichannel.gateway.checkout.allocation.AllocationStrategy.Demand;
import com.omnichannel.gateway.checkout.allocation.AllocationStrategy.Shortfall;
import com.omnichannel.gateway.checkout.allocation.AllocationStrategy.Supply;

/** Which locations fill an order, without Quarkus. Variants 1 and 2; warehouses 10 and 11, stores 20 and 21. */
class WarehouseFirstAllocationTest {

    private final WarehouseFirstAllocation allocation = new WarehouseFirstAllocation();

    private static Supply warehouse(long location, int priority, long variant, int available) {
        return new Supply(variant, location, true, priority, available);
    }

    private static Supply store(long location, int priority, long variant, int available) {
        return new Supply(variant, location, false, priority, available);
    }

    @Test
    void pickup_takes_everything_from_the_chosen_store() {
        AllocationStrategy.Plan plan = allocation.allocate(List.of(new Demand(1, 2), new Demand(2, 1)),
                List.of(warehouse(10, 1, 1, 50), store(20, 1, 1, 5), store(20, 1, 2, 1), store(21, 1, 1, 9)),
                FulfilmentType.PICKUP, 20L);

        assertThat(plan.complete()).isTrue();
        assertThat(plan.allocations()).containsExactly(new Allocation(20, 1, 2), new Allocation(20, 2, 1));
    }

    @Test
    void pickup_never_takes_from_another_location_and_reports_what_the_store_has() {
        AllocationStrategy.Plan plan = allocation.allocate(List.of(new Demand(1, 3)),
                List.of(warehouse(10, 1, 1, 50), store(20, 1, 1, 2)), FulfilmentType.CURBSIDE, 20L);

        assertThat(plan.complete()).isFalse();
        assertThat(plan.allocations()).isEmpty();
        assertThat(plan.shortfalls()).containsExactly(new Shortfall(1, 3, 2));
    }

    @Test
    void shipping_prefers_one_warehouse_by_priority_that_fills_the_whole_order() {
        AllocationStrategy.Plan plan = allocation.allocate(List.of(new Demand(1, 2), new Demand(2, 2)),
                List.of(store(20, 0, 1, 9), store(20, 0, 2, 9), warehouse(10, 2, 1, 9), warehouse(10, 2, 2, 9),
                        warehouse(11, 1, 1, 9), warehouse(11, 1, 2, 9)),
                FulfilmentType.SHIP, null);

        assertThat(plan.allocations()).containsExactly(new Allocation(11, 1, 2), new Allocation(11, 2, 2));
    }

    @Test
    void shipping_comes_from_a_store_when_only_a_store_has_everything() {
        AllocationStrategy.Plan plan = allocation.allocate(List.of(new Demand(1, 2), new Demand(2, 1)),
                List.of(warehouse(10, 1, 1, 5), store(21, 2, 1, 2), store(21, 2, 2, 1), store(20, 1, 1, 2)),
                FulfilmentType.SHIP, null);

        assertThat(plan.allocations()).containsExactly(new Allocation(21, 1, 2), new Allocation(21, 2, 1));
    }

    @Test
    void shipping_splits_a_line_across_locations_warehouses_first() {
        AllocationStrategy.Plan plan = allocation.allocate(List.of(new Demand(1, 5)),
                List.of(store(20, 1, 1, 4), warehouse(11, 2, 1, 1), warehouse(10, 1, 1, 2)), FulfilmentType.SHIP, null);

        assertThat(plan.complete()).isTrue();
        assertThat(plan.allocations()).containsExactly(new Allocation(10, 1, 2), new Allocation(11, 1, 1), new Allocation(20, 1, 2));
    }

    @Test
    void shipping_short_of_units_reports_the_whole_network() {
        AllocationStrategy.Plan plan = allocation.allocate(List.of(new Demand(1, 5), new Demand(2, 1)),
                List.of(warehouse(10, 1, 1, 2), store(20, 1, 1, 1), store(20, 1, 2, 4)), FulfilmentType.SHIP, null);

        assertThat(plan.complete()).isFalse();
        assertThat(plan.allocations()).isEmpty();
        assertThat(plan.shortfalls()).containsExactly(new Shortfall(1, 5, 3));
    }

    @Test
    void negative_availability_counts_as_none() {
        AllocationStrategy.Plan plan = allocation.allocate(List.of(new Demand(1, 1)),
                List.of(warehouse(10, 1, 1, -3)), FulfilmentType.SHIP, null);

        assertThat(plan.shortfalls()).containsExactly(new Shortfall(1, 1, 0));
    }
}
