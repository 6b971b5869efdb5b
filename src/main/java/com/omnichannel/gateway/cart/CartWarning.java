package com.omnichannel.gateway.cart;

import org.eclipse.microprofile.graphql.NonNull;

/** Something the shopper should know before checkout; the cart keeps the line, checkout enforces. */
public record CartWarning(@NonNull String code, @NonNull String message) {
}
