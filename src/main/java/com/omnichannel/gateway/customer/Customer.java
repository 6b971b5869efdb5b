package com.omnichannel.gateway.customer;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.ids.Node;

@Description("A customer's profile: the same one on the web, in the app and at a kiosk.")
public record Customer(
        @Ignore String key,
        @Description("Sign-in email, lower-case.") @NonNull String email,
        @Description("First name as the customer entered it.") @NonNull String firstName,
        @Description("Last name as the customer entered it.") @NonNull String lastName,
        @Description("Phone number in international format (+49 30 ...); null when not given.") String phone,
        @NonNull @Description("Preferred language, e.g. 'de' or 'en-GB'.") String language,
        @Description("Preferred channel and store.") @NonNull CustomerPreferences preferences,
        @NonNull OffsetDateTime createdAt,
        @Ignore Contents contents) implements Node {

    public static final String TYPE = "Customer";

    /**
     * The address book and the consents given, as read in the same statement as the profile (the signed-in
     * customer's own page, when those fields are selected); a null list is not known and is loaded in a batch.
     * {@code contents} is null for customers read alone.
     */
    public record Contents(List<CustomerAddress> addresses, List<Consent> consents) {
    }

    /** The opaque id clients see for a customer's key (the UUID that is also the subject of their tokens). */
    public static String globalId(String key) {
        return GlobalId.encode(TYPE, key);
    }

    /**
     * The customer's key from an id a client sends: the opaque id, or for one release the bare key (the token
     * subject) that customer ids used to be. Null when blank or too long.
     */
    public static String keyOf(String id) {
        String key = GlobalId.tryDecodeKey(TYPE, id);
        String candidate = key != null ? key : id == null ? null : id.strip();
        return candidate == null || candidate.isEmpty() || candidate.length() > 100 ? null : candidate;
    }

    /** The opaque id, as the GraphQL field shows it; {@link #key()} is the bare key (the subject of their tokens). */
    @Override
    @Id
    @NonNull
    @Description("The customer's opaque id (see node(id)); their tokens' subject is the key inside it, not this id.")
    public String getId() {
        return globalId(key);
    }

    /** As {@link #getId()}: the opaque id (Node's accessor). */
    @Override
    public String id() {
        return globalId(key);
    }

    // Identity is the key: batch resolvers hash their sources.
    @Override
    public boolean equals(Object other) {
        return other instanceof Customer that && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }
}
