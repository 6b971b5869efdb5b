package com.omnichannel.gateway.channel;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.store.Location;

@Description("Who the server takes the caller to be: channel, roles and, for kiosks, their store.")
public record Viewer(
        @Description("The channel the request counts for.") @NonNull Channel channel,
        @Description("Whether the request carried a valid token.") boolean authenticated,
        @Description("The token's roles (customer, kiosk, staff, admin); empty when anonymous.") @NonNull List<@NonNull String> roles,
        @Description("For kiosks and customers signed in at a kiosk: the kiosk's store; null otherwise.") Location store) {
}
