package com.omnichannel.gateway.customer;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.ids.Node;

@Description("An address in a customer's address book.")
public record CustomerAddress(@NonNull @Id String id, @NonNull String firstName, @NonNull String lastName, String company,
        @NonNull String line1, String line2, @NonNull String city, @NonNull String postalCode, String region,
        @NonNull @Description("ISO 3166-1 alpha-2, e.g. 'DE'.") String countryCode, String phone,
        @Description("Used for shipping unless the customer chooses another; at most one address has it.") boolean defaultShipping,
        @Ignore long key, @Ignore String customerId) implements Node {

    public static final String TYPE = "CustomerAddress";

    public static String globalId(long key) {
        return GlobalId.encode(TYPE, key);
    }
}
