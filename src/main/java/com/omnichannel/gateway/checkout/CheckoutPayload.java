package com.omnichannel.gateway.checkout;

import com.omnichannel.gateway.order.Order;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.platform.errors.UserError;

@Description("The answer of checkoutComplete: the order, or userErrors (and stockShortages).")
public record CheckoutPayload(
        @Description("The placed order (the same one again for a retried idempotencyKey); null with userErrors.") Order order,
        @NonNull @Description("With INSUFFICIENT_STOCK: each cart line that cannot be filled and what is available.") List<@NonNull StockShortage> stockShortages,
        @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {

    @Description("A cart line checkout could not fill.")
    @Name("StockShortage")
    public record StockShortage(
            @NonNull @Id @Description("The cart line (CartLine.id).") String cartLineId,
            @Description("The variant; null when it was deleted from the catalog.") ProductVariant variant,
            @Description("Units the line asks for.") int requested,
            @Description("Units available for this order's fulfilment (at the store, or across the network).") int available) {
    }

    static CheckoutPayload of(Order order) {
        return new CheckoutPayload(order, List.of(), List.of());
    }

    static CheckoutPayload failed(UserError error) {
        return new CheckoutPayload(null, List.of(), List.of(error));
    }
}
