package com.omnichannel.gateway.reporting.insights;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import com.omnichannel.gateway.cart.Cart;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.CallerResolver;
import com.omnichannel.gateway.customer.Customer;
import com.omnichannel.gateway.customer.CustomerConnection;
import com.omnichannel.gateway.customer.CustomerService;
import com.omnichannel.gateway.order.OrderConnection;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class InsightsGraphQLApi {

    private final InsightsService insights;
    private final CustomerService customers;
    private final CallerResolver callers;

    public InsightsGraphQLApi(InsightsService insights, CustomerService customers, CallerResolver callers) {
        this.insights = insights;
        this.customers = customers;
        this.callers = callers;
    }

    @Query("channelInsights")
    @Description("Staff: per channel orders, revenue, average order value, carts created and cart-to-order conversion, "
            + "and cross-channel journeys, in the window [from, to) (at most 400 days).")
    public Uni<@NonNull ChannelInsights> channelInsights(@NonNull OffsetDateTime from, @NonNull OffsetDateTime to) {
        return insights.channelInsights(callers.current(), from, to);
    }

    @Query("customers")
    @Description("Staff: customers, newest first; 'search' matches the start of the email (when it contains '@'), the "
            + "digits of the phone number (when it looks like one) or a part of the name.")
    public Uni<@NonNull CustomerConnection> customers(
            @Description("Part of the email, phone number or name; leave out for all customers.") String search,
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        String scope = "customers:" + (search == null ? "" : Integer.toHexString(search.strip().hashCode()));
        return customers.search(callers.current(), search, PageRequest.of(first, after, scope));
    }

    @Query("customer")
    @Description("Staff: one customer with the 360° view (orders across channels, active cart, loyalty, events, "
            + "channel mix); null when there is none.")
    public Uni<Customer> customer(@Description("The customer's id (Customer.id).") @NonNull @Id String id) {
        return customers.customerForStaff(callers.current(), id);
    }

    // ---- the 360 fields of a customer (the customer's own through me, any through the staff queries)

    @Name("orders")
    @Description("The customer's orders from every channel, newest first; 'first' defaults to 20, at most 100.")
    public Uni<List<@NonNull OrderConnection>> orders(
            @Source List<Customer> customers,
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        return insights.ordersOf(customers, PageRequest.of(first, after, "customer-orders"));
    }

    @Name("activeCart")
    @Description("The customer's active cart, with live prices; null when they have none. Read from Redis per customer: "
            + "meant for one customer's view rather than for a list.")
    public Uni<Cart> activeCart(@Source Customer customer) {
        return insights.activeCartOf(customer);
    }

    @Name("channelMix")
    @Description("The share of activity events and of spend per channel (channels with either).")
    @NonNull
    public Uni<List<@NonNull List<@NonNull ChannelShare>>> channelMix(@Source List<Customer> customers) {
        return insights.channelMixOf(customers);
    }

}
