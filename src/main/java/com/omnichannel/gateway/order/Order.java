package com.omnichannel.gateway.order;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.store.Location;

@Description("An order from any channel, with prices frozen at checkout.")
public record Order(@NonNull @Id String id,
        @NonNull @Description("Order number to read out and type, e.g. OC-7KQ2M-XH4PD; not sequential. Orders placed before random numbers keep theirs, e.g. OC-100042.") String number,
        @NonNull OrderStatus status,
        @NonNull @Description("The statuses this order may move to next.") List<@NonNull OrderStatus> nextStatuses,
        String email,
        @NonNull @Description("The channel the order was placed through.") Channel sourceChannel,
        @NonNull @Description("Every channel the cart was touched from before checkout, in first-touch order.") List<@NonNull Channel> cartChannels,
        @NonNull FulfilmentType fulfilmentType,
        @Description("The store for pickup and curbside orders.") Location pickupStore,
        @Description("The delivery address of shipped orders.") OrderAddress shippingAddress,
        String curbsideNote,
        @NonNull Money subtotal, @NonNull Money discountTotal, @NonNull Money shippingTotal, @NonNull Money taxTotal,
        @NonNull Money total,
        @Description("Whether the prices and totals include tax (taxTotal is then the tax contained in them).") boolean pricesIncludeTax,
        @NonNull PaymentMethod paymentMethod, @NonNull PaymentStatus paymentStatus,
        @Description("Last four digits of the card, for card payments.") String cardLast4,
        @NonNull OffsetDateTime placedAt, @NonNull OffsetDateTime updatedAt,
        @Ignore long key, @Ignore String customerId, @Ignore String paymentReference, @Ignore long totalMinor,
        @Ignore Written written) {

    public static final String TYPE = "Order";

    /**
     * The lines and shipments of an order as the request that placed it wrote them, so its answer needs no read of
     * what it has just written; null for orders read from the database.
     */
    public record Written(List<OrderLine> lines, List<Shipment> shipments) {
    }

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Order that && key == that.key;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(key);
    }
}
