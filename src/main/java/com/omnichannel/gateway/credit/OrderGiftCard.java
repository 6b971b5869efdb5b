package com.omnichannel.gateway.credit;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.money.Money;

@Description("A gift card an order bought (one per unit of a gift card line), with its code for the buyer.")
public record OrderGiftCard(
        @Description("The code to spend the card with, e.g. 7KQ2-MXH4-PD9R-T3VN; only the customer who placed the order and staff "
                + "see it, null for anyone else.") String code,
        @NonNull @Description("The code's last 4 characters.") String last4,
        @NonNull @Description("What the card was issued with: the gift card variant's price.") Money initialValue,
        @NonNull @Description("What is left to spend; zero once voided.") Money balance,
        @Description("Whether the card was voided because the order was cancelled before the card was spent.") boolean voided) {
}
