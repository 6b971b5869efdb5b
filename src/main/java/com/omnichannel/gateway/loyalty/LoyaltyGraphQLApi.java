package com.omnichannel.gateway.loyalty;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import com.omnichannel.gateway.platform.security.CallerResolver;
import com.omnichannel.gateway.customer.Customer;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class LoyaltyGraphQLApi {

    private final LoyaltyService loyalty;
    private final CallerResolver callers;

    public LoyaltyGraphQLApi(LoyaltyService loyalty, CallerResolver callers) {
        this.loyalty = loyalty;
        this.callers = callers;
    }

    @Name("loyalty")
    @Description("The customer's loyalty account: tier, points and ledger.")
    public Uni<List<@NonNull LoyaltyAccount>> loyalty(@Source List<Customer> customers) {
        // Customers are reached only through `me` (or staff paths), so each sees only their own account.
        return loyalty.accountsOf(customers.stream().map(Customer::key).toList());
    }

    @Name("ledger")
    @Description("Ledger entries, newest first.")
    public Uni<@NonNull LoyaltyLedgerConnection> ledger(
            @Source LoyaltyAccount account,
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        return loyalty.ledger(account, first, after);
    }

    @Query("loyaltyAccount")
    @Description("Staff: a customer's loyalty account by the customer's id (Customer.id; the bare token subject is still "
            + "accepted in this release).")
    public Uni<@NonNull LoyaltyAccount> loyaltyAccount(
            @Description("The customer's id (Customer.id).") @NonNull @Id String customerId) {
        return loyalty.account(callers.current(), customerId);
    }

    @Mutation("loyaltyAdjust")
    @Description("Staff: add or take away points with a reason (an ADJUST ledger entry); the balance never goes below zero.")
    public Uni<@NonNull LoyaltyAdjustPayload> loyaltyAdjust(
            @Description("What to do; see the input type's fields.") @NonNull LoyaltyInputs.Adjust input) {
        return loyalty.adjust(callers.current(), input);
    }
}
