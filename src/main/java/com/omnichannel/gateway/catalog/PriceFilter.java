package com.omnichannel.gateway.catalog;

public record PriceFilter(String min, String max) {
}
