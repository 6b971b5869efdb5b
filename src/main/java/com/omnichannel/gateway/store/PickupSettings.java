package com.omnichannel.gateway.store;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

@Description("How a store handles pickup orders.")
public record PickupSettings(
        @NonNull @Description("Minutes an order needs before it can be collected (the store's own or the default).") Integer preparationMinutes,
        @Description("Length of a bookable pickup slot in minutes; null when the store offers no slots.") Integer slotMinutes,
        @Description("Orders each pickup slot takes; null when the store offers no slots.") Integer slotCapacity) {

    @Ignore
    public boolean offersSlots() {
        return slotMinutes != null && slotCapacity != null;
    }
}
