package com.omnichannel.gateway.reporting.recommendation;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import com.omnichannel.gateway.catalog.Product;
import com.omnichannel.gateway.platform.security.CallerResolver;
import com.omnichannel.gateway.customer.Customer;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class RecommendationGraphQLApi {

    private final RecommendationService recommendations;
    private final CallerResolver callers;

    public RecommendationGraphQLApi(RecommendationService recommendations, CallerResolver callers) {
        this.recommendations = recommendations;
        this.callers = callers;
    }

    @Name("alsoBought")
    @Description("Products most often bought together with this one (in the same order), most orders first; "
            + "'first' at most 20.")
    @NonNull
    public Uni<List<@NonNull List<@NonNull Product>>> alsoBought(@Source List<Product> products,
            @Description("How many products, at most 20.") @DefaultValue("5") Integer first) {
        return recommendations.alsoBoughtOf(products, first);
    }

    @Name("recommendations")
    @Description("Products for this customer from what they bought and viewed on every channel (categories and "
            + "products bought together), without what they already bought, in stock (at the kiosk's store in a kiosk "
            + "session); best-sellers without the PERSONALISATION consent. 'first' at most 20.")
    public Uni<@NonNull List<@NonNull Product>> recommendations(
            @Source Customer customer,
            @Description("How many products, at most 20.") @DefaultValue("5") Integer first) {
        return recommendations.forCustomer(callers.current(), customer, first);
    }

    @Query("recommendations")
    @Description("Products for the caller: a signed-in customer's own (as me.recommendations), at a kiosk the store's "
            + "best-sellers in stock there, for anyone else the best-sellers in stock. 'first' at most 20.")
    public Uni<@NonNull List<@NonNull Product>> recommendationsForCaller(
            @Description("How many products, at most 20.") @DefaultValue("5") Integer first) {
        return recommendations.forCaller(callers.current(), first);
    }

    @Query("recommendationsHere")
    @Description("Kiosks: products in stock at this store, for the customer signed in at the kiosk (as "
            + "me.recommendations), else the store's best-sellers. 'first' at most 20.")
    public Uni<@NonNull List<@NonNull Product>> recommendationsHere(
            @Description("How many products, at most 20.") @DefaultValue("5") Integer first) {
        return recommendations.here(callers.current(), first);
    }
}
