package com.omnichannel.gateway.cart;

import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.store.Location;

public record CartFulfilment(@NonNull FulfilmentType type, Location store) {
}
