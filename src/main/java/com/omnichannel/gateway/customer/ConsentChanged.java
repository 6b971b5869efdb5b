package com.omnichannel.gateway.customer;

/** A consent a customer has just given or withdrawn; see {@link ConsentListener}. */
public record ConsentChanged(String customerId, ConsentPurpose purpose, boolean granted) {
}
