package com.omnichannel.gateway.customer;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.ids.Node;

@Description("An address in a customer's address book.")
public record CustomerAddress(
        @NonNull @Id String id,
        @Description("First name of the recipient.") @NonNull String firstName,
        @Description("Last name of the recipient.") @NonNull String lastName,
        @Description("Company name for business addresses; null when none.") String company,
        @Description("Street and house number.") @NonNull String line1,
        @Description("Second address line; null when none.") String line2,
        @Description("City or town.") @NonNull String city,
        @Description("Postal code, checked for the country.") @NonNull String postalCode,
        @Description("State or region; null when none.") String region,
        @NonNull @Description("ISO 3166-1 alpha-2, e.g. 'DE'.") String countryCode,
        @Description("Recipient's phone number for the carrier; null when not given.") String phone,
        @Description("Used for shipping unless the customer chooses another; at most one address has it.") boolean defaultShipping,
        @Ignore long key,
        @Ignore String customerId) implements Node {

    public static final String TYPE = "CustomerAddress";

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }
}
