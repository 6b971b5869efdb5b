package com.omnichannel.gateway.cart;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/** Without promotions a cart costs the same on every channel. */
@DefaultBean
@ApplicationScoped
public class NoCartChannelPricing implements CartChannelPricing {

    @Override
    public Uni<CartPriceChange> compare(Cart before, Cart after) {
        return Uni.createFrom().item(new CartPriceChange(before.readThrough(), after.readThrough(), List.of(), before.subtotal(),
                after.subtotal()));
    }
}
