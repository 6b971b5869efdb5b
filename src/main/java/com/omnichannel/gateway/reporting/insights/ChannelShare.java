package com.omnichannel.gateway.reporting.insights;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Channel;

@Description("One channel's part in a customer's activity and spend.")
public record ChannelShare(
        @Description("The channel this share is for.") @NonNull Channel channel,
        @Description("Activity events recorded through the channel.") int events,
        @Description("Share of the customer's events (events / all the customer's events); null when they have none.") Double eventShare,
        @Description("Orders placed through the channel, cancelled ones excluded.") int orders,
        @NonNull @Description("The totals of these orders.") Money spend,
        @Description("Share of the customer's spend (spend / all the customer's spend); null when they have spent nothing.") Double spendShare) {
}
