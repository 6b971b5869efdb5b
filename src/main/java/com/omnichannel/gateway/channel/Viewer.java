package com.omnichannel.gateway.channel;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.store.Location;

@Description("Who the server takes the caller to be: channel, roles and, for kiosks, their store.")
public record Viewer(@NonNull Channel channel, boolean authenticated, @NonNull List<@NonNull String> roles, Location store) {
}
