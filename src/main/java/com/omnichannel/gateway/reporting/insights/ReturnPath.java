package com.omnichannel.gateway.reporting.insights;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Channel;

@Description("Returns of orders bought through one channel and returned through another (or the same), e.g. WEB → STAFF for bought online, returned at a store's counter.")
public record ReturnPath(
        @Description("The channel the order was placed through.") @NonNull Channel purchaseChannel,
        @Description("The channel the return was asked for through (STAFF: at a store's counter).") @NonNull Channel returnChannel,
        @Description("Returns asked for in the window along this path (declined and cancelled ones left out).") int returns,
        @Description("What has been refunded on these returns so far.") @NonNull Money refunded) {
}
