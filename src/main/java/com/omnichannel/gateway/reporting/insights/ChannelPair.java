package com.omnichannel.gateway.reporting.insights;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.security.Channel;

@Description("A move of a cart from one channel to the next, e.g. WEB → MOBILE, and in how many orders it happened.")
public record ChannelPair(
        @Description("The channel the journey started in (first touch of the cart).") @NonNull Channel from,
        @Description("The channel the order was placed through.") @NonNull Channel to,
        @Description("Orders placed after this journey in the window.") int orders) {
}
