package com.omnichannel.gateway.reporting.insights;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Per-channel figures and cross-channel journeys of a time window [from, to).")
public record ChannelInsights(@NonNull OffsetDateTime from, @NonNull OffsetDateTime to,
        @NonNull @Description("One entry per channel (WEB, MOBILE, KIOSK, STAFF, POS), also when it had nothing.") List<@NonNull ChannelFigures> channels,
        @Description("Orders placed in the window, cancelled ones excluded.") int orders,
        @Description("Of these, orders whose cart was touched from two or more channels.") int crossChannelOrders,
        @Description("Share of orders from journeys across channels (crossChannelOrders / orders); null without orders.") Double crossChannelShare,
        @NonNull @Description("Consecutive channel changes in the carts of the window's orders, in first-touch order "
                + "(a cart touched WEB, MOBILE, KIOSK counts WEB → MOBILE and MOBILE → KIOSK once each), most common first.")
        List<@NonNull ChannelPair> channelPairs,
        @NonNull @Description("Returns asked for in the window by channel of purchase and channel of return (e.g. bought on the web, "
                + "returned in a store), most common first.") List<@NonNull ReturnPath> returnPaths) {
}
