package com.omnichannel.gateway.checkout;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.errors.Refusal;
import com.omnichannel.gateway.platform.errors.UserError;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/** No tenders besides the payment method: used until an implementation of {@link CheckoutTenders} is present. */
@DefaultBean
@ApplicationScoped
public class NoCheckoutTenders implements CheckoutTenders {

    @Override
    public Uni<Applied> apply(Context context) {
        if (context.storeCreditAmount() != null || !context.giftCardCodes().isEmpty()) {
            return Uni.createFrom().failure(new Refusal(UserError.of("PAYMENT_METHOD_UNAVAILABLE",
                    "Store credit and gift cards are not taken here", "input", "payment")));
        }
        return Uni.createFrom().item(Applied.NONE);
    }
}
