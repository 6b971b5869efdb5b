package com.omnichannel.gateway.returns;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Channel;

@Description("Money paid back for a return.")
public record Refund(
        @Description("Opaque id of the refund.") @NonNull @Id String id,
        @Description("Where the money went.") @NonNull RefundDestination destination,
        @Description("How much.") @NonNull Money amount,
        @Description("Who paid it out (the token subject).") @NonNull String actor,
        @Description("The channel it was paid through.") @NonNull Channel channel,
        @NonNull OffsetDateTime createdAt) {

    public static final String TYPE = "Refund";
}
