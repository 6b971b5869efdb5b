package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.Input;

@Input("PriceFilterInput")
public record PriceFilter(String min, String max) {
}
