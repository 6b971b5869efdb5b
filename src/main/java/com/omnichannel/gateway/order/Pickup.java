package com.omnichannel.gateway.order;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.money.Money;

@Description("A pickup or curbside shipment ready at its store: the code the customer shows at the counter, until when "
        + "the store holds it, and what the till takes for it.")
public record Pickup(
        @Description("The collection code the customer shows at the counter (letters and digits, e.g. K7MX4Q). Only for the "
                + "customer who placed the order, and only while the pickup waits; null for anyone else, staff included.") String collectionCode,
        @Description("What the pickup's QR code holds (the store and the collection code, for the counter's scanner); shown "
                + "like collectionCode.") String qrPayload,
        @NonNull @Description("When the pickup became ready.") OffsetDateTime readyAt,
        @NonNull @Description("Until when the store holds it (the store's hold period after readyAt). Not collected by "
                + "then, and after a grace period, the order is cancelled and its payment voided or refunded.") OffsetDateTime collectBy,
        @NonNull @Description("What the till takes at the hand-over: the totals of the pay-in-store orders in it, as "
                + "they were when it became ready; zero when everything is paid.") Money amountDue,
        @Description("When it was handed over, not collected in time, or cancelled; null while it waits.") OffsetDateTime closedAt,
        @Description("How it closed; null while it waits.") PickupOutcome outcome) {
}
