package com.omnichannel.gateway.reporting.insights;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Channel;

@Description("What one channel did in the window.")
public record ChannelFigures(
        @Description("The channel these figures are for.") @NonNull Channel channel,
        @Description("Orders placed through the channel in the window, cancelled ones excluded.") int orders,
        @NonNull @Description("The totals of these orders.") Money revenue,
        @Description("Revenue / orders, rounded half up to the minor unit; null without orders.") Money averageOrderValue,
        @Description("Carts created through the channel in the window, anonymous ones included.") int cartsCreated,
        @Description("Of these carts, how many became an order (through any channel, before the end of the window, whatever happened to the order later).") int cartsConverted,
        @Description("Share of carts that became orders (cartsConverted / cartsCreated); null without carts.") Double cartToOrderConversion,
        @Description("Returns asked for in the window of orders bought through the channel (declined and cancelled ones left out).") int returns,
        @Description("Share of the channel's orders of the window that have a return (declined and cancelled ones left out); null without orders.") Double returnRate,
        @NonNull @Description("Refunds paid in the window on orders bought through the channel.") Money refunded) {
}
