package com.omnichannel.gateway.credit;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.money.Money;

@Description("Part of an order paid by store credit or a gift card at checkout; the payment method paid the rest.")
public record OrderTender(
        @NonNull @Description("What paid it.") Kind kind,
        @NonNull @Description("How much it paid.") Money amount,
        @Description("For GIFT_CARD: the card's last 4 characters; null for store credit.") String giftCardLast4) {

    @Name("OrderTenderKind")
    @Description("What paid part of an order besides the payment method.")
    public enum Kind {
        @Description("The customer's store credit.")
        STORE_CREDIT,
        @Description("A gift card.")
        GIFT_CARD
    }
}
