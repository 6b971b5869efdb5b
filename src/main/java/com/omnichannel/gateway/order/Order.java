package com.omnichannel.gateway.order;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.cart.CartFulfilment;
import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.ids.Node;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.store.Location;

@Description("An order from any channel, with prices frozen at checkout.")
public record Order(
        @NonNull @Id String id,
        @NonNull @Description("Order number to read out and type, e.g. OC-7KQ2M-XH4PD; not sequential. Orders placed before random numbers keep theirs, e.g. OC-100042.") String number,
        @Description("Where the order is in its lifecycle (see nextStatuses).") @NonNull OrderStatus status,
        @NonNull @Description("The statuses this order may move to next.") List<@NonNull OrderStatus> nextStatuses,
        @Description("Contact email of the order; null once the customer's data was erased.") String email,
        @NonNull @Description("The channel the order was placed through.") Channel sourceChannel,
        @Deprecated @NonNull @Description("Deprecated: use channels (the name carts use); removed in the next release.") List<@NonNull Channel> cartChannels,
        @NonNull @Description("Every channel the cart was touched from before checkout, in first-touch order, as Cart.channels.") List<@NonNull Channel> channels,
        @Deprecated @NonNull @Description("Deprecated: use fulfilment { type } (as on carts); removed in the next release.") FulfilmentType fulfilmentType,
        @Deprecated @Description("Deprecated: use fulfilment { store } (as on carts); removed in the next release.") Location pickupStore,
        @NonNull @Description("Shipped, or picked up or collected at which store: the same type as Cart.fulfilment.") CartFulfilment fulfilment,
        @Description("The delivery address of shipped orders.") OrderAddress shippingAddress,
        @Description("For CURBSIDE: how to recognise the car; null otherwise.") String curbsideNote,
        @Description("Sum of the lines before discounts.") @NonNull Money subtotal,
        @Description("Everything discounts and redeemed points took off.") @NonNull Money discountTotal,
        @Description("Shipping cost (0 for pickup and curbside).") @NonNull Money shippingTotal,
        @Description("Tax contained in the total (or added to it, see pricesIncludeTax).") @NonNull Money taxTotal,
        @Description("What the customer pays.") @NonNull Money total,
        @Description("Whether the prices and totals include tax (taxTotal is then the tax contained in them).") boolean pricesIncludeTax,
        @Description("CARD or PAY_IN_STORE.") @NonNull PaymentMethod paymentMethod,
        @Description("Where the payment is (authorized, paid, refunded, ...).") @NonNull PaymentStatus paymentStatus,
        @Description("Last four digits of the card, for card payments.") String cardLast4,
        @NonNull OffsetDateTime placedAt,
        @NonNull OffsetDateTime updatedAt,
        @Ignore long key,
        @Ignore String customerId,
        @Ignore String paymentReference,
        @Ignore long paymentDueMinor,
        @Ignore Contents contents,
        @Ignore Caller viewer) implements Node {

    public static final String TYPE = "Order";

    /**
     * The lines and shipments of an order known before its fields are resolved: as the request that placed it wrote
     * them, or as read in the same statement as the order (a page of orders whose lines or shipments were selected).
     * A null list is not known and is loaded with the other orders' in one batch; {@code contents} is null for orders
     * read alone. {@code viewer}: who the order was read for when that is not the current request's caller (a
     * subscriber, when its event goes out); null otherwise.
     */
    public record Contents(List<OrderLine> lines, List<Shipment> shipments) {
    }

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }

    /** This order as read for a caller other than the current request's (a subscriber, when its event goes out). */
    Order seenBy(Caller caller) {
        return new Order(id, number, status, nextStatuses, email, sourceChannel, cartChannels, channels, fulfilmentType, pickupStore,
                fulfilment, shippingAddress, curbsideNote, subtotal, discountTotal, shippingTotal, taxTotal, total, pricesIncludeTax, paymentMethod,
                paymentStatus, cardLast4, placedAt, updatedAt, key, customerId, paymentReference, paymentDueMinor, contents, caller);
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
