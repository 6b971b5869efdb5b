package com.omnichannel.gateway.checkout;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/** No discounts: used until a promotions implementation of {@link CheckoutDiscounts} is present. */
@DefaultBean
@ApplicationScoped
public class NoCheckoutDiscounts implements CheckoutDiscounts {

    @Override
    public Uni<Applied> apply(Context context) {
        return Uni.createFrom().item(Applied.none(context.lines().size()));
    }
}
