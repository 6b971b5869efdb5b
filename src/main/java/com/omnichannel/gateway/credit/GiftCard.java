package com.omnichannel.gateway.credit;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;

@Description("A gift card: a balance behind a code, spent at checkout on any channel, in part or whole.")
public record GiftCard(
        @NonNull @Id @Description("Opaque id of the card.") String id,
        @NonNull @Description("The code's last 4 characters, to tell cards apart; the code itself is never shown again after issue.") String last4,
        @NonNull @Description("What the card was issued with.") Money initialValue,
        @NonNull @Description("What is left to spend.") Money balance,
        @NonNull @Description("From this time the card refuses redemption (GIFT_CARD_EXPIRED).") OffsetDateTime expiresAt,
        @Description("Whether the card has expired.") boolean expired,
        @NonNull @Description("When the card was issued.") OffsetDateTime createdAt) {

    public static final String TYPE = "GiftCard";

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }
}
