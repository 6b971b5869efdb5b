package com.omnichannel.gateway.cart;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

public record CartHandoffPayload(CartHandoff handoff, @NonNull List<@NonNull UserError> userErrors) {
}
