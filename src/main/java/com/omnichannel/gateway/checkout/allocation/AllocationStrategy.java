package com.omnichannel.gateway.checkout.allocation;

import java.util.List;

import com.omnichannel.gateway.cart.FulfilmentType;

/**
 * Decides which locations fill an order. Checkout asks it twice at most: first with the stock as last seen (the
 * plan is reserved only where the levels still have the units), then, if that no longer holds, with the levels
 * locked by the order transaction, so that plan can be reserved as it stands. Replace the bean to change the policy.
 */
public interface AllocationStrategy {

    /** A unit of demand: one variant and how many. */
    record Demand(long variantKey, int quantity) {
    }

    /** Available stock at one location; {@code priority}: lower ships first. */
    record Supply(long variantKey, long locationKey, boolean warehouse, int priority, int available) {
    }

    /** Units of a variant taken from a location. */
    record Allocation(long locationKey, long variantKey, int quantity) {
    }

    /** A variant that cannot be filled, with what there is in total. */
    record Shortfall(long variantKey, int requested, int available) {
    }

    /** Either allocations covering every demand, or the shortfalls. */
    record Plan(List<Allocation> allocations, List<Shortfall> shortfalls) {
        public boolean complete() {
            return shortfalls.isEmpty();
        }
    }

    /**
     * @param pickupLocationKey the store for pickup and curbside; null for shipping
     */
    Plan allocate(List<Demand> demand, List<Supply> supply, FulfilmentType fulfilment, Long pickupLocationKey);
}
