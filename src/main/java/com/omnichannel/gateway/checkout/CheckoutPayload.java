package com.omnichannel.gateway.checkout;

import com.omnichannel.gateway.order.Order;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.platform.errors.UserError;

public record CheckoutPayload(Order order,
        @NonNull @Description("With INSUFFICIENT_STOCK: each cart line that cannot be filled and what is available.") List<@NonNull StockShortage> stockShortages,
        @NonNull List<@NonNull UserError> userErrors) {

    @Name("StockShortage")
    public record StockShortage(@NonNull @Id @Description("The cart line (CartLine.id).") String cartLineId, ProductVariant variant, int requested,
            @Description("Units available for this order's fulfilment (at the store, or across the network).") int available) {
    }

    static CheckoutPayload of(Order order) {
        return new CheckoutPayload(order, List.of(), List.of());
    }

    static CheckoutPayload failed(UserError error) {
        return new CheckoutPayload(null, List.of(), List.of(error));
    }
}
