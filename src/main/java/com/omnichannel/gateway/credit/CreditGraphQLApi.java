package com.omnichannel.gateway.credit;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import com.omnichannel.gateway.customer.Customer;
import com.omnichannel.gateway.order.Order;
import com.omnichannel.gateway.platform.security.CallerResolver;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class CreditGraphQLApi {

    private final StoreCreditService storeCredit;
    private final GiftCardService giftCards;
    private final CreditCheckout tenders;
    private final GiftCardSales sales;
    private final CallerResolver callers;

    public CreditGraphQLApi(StoreCreditService storeCredit, GiftCardService giftCards, CreditCheckout tenders, GiftCardSales sales,
            CallerResolver callers) {
        this.sales = sales;
        this.storeCredit = storeCredit;
        this.giftCards = giftCards;
        this.tenders = tenders;
        this.callers = callers;
    }

    @Name("storeCredit")
    @Description("The customer's store credit: balance and ledger, the same on every channel.")
    public Uni<List<@NonNull StoreCredit>> storeCredit(@Source List<Customer> customers) {
        // Customers are reached only through `me` (or staff paths), so each sees only their own credit.
        return storeCredit.storeCreditOf(customers.stream().map(Customer::key).toList());
    }

    @Name("ledger")
    @Description("Ledger entries, newest first.")
    public Uni<@NonNull StoreCreditLedgerConnection> ledger(
            @Source StoreCredit credit,
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        return storeCredit.ledger(credit, first, after);
    }

    @Name("tenders")
    @Description("What store credit and gift cards paid of this order at checkout (the payment method paid the rest); empty when none did.")
    public Uni<List<@NonNull List<@NonNull OrderTender>>> tenders(@Source List<Order> orders) {
        return tenders.tendersOf(orders);
    }

    @Name("giftCards")
    @Description("The gift cards this order bought, one per unit of its gift card lines, in line order; codes only for the customer "
            + "who placed it and staff. Empty when it bought none.")
    public Uni<List<@NonNull List<@NonNull OrderGiftCard>>> giftCards(@Source List<Order> orders) {
        return sales.cardsOf(callers.current(), orders);
    }

    @Query("giftCardBalance")
    @Description("A gift card by its code (spaces, dashes and case do not matter): balance and expiry; null when no card has the code. "
            + "Attempts are limited per client address, right or wrong (RATE_LIMITED with retryAfterSeconds).")
    public Uni<GiftCard> giftCardBalance(
            @Description("The code on the card, e.g. 7KQ2-MXH4-PD9R-T3VN.") @NonNull String code) {
        return giftCards.balance(callers.clientAddressKey(), code);
    }

    @Mutation("storeCreditAdjust")
    @Description("Staff: add or take away a customer's store credit with a reason (an ADJUST ledger entry); the balance never goes below zero.")
    public Uni<@NonNull StoreCreditAdjustPayload> storeCreditAdjust(
            @Description("What to do; see the input type's fields.") @NonNull CreditInputs.Adjust input) {
        return storeCredit.adjust(callers.current(), input);
    }

    @Mutation("giftCardIssue")
    @Description("Staff: issue a gift card; the answer carries its code, shown this once.")
    public Uni<@NonNull GiftCardIssuePayload> giftCardIssue(
            @Description("What to issue; see the input type's fields.") @NonNull CreditInputs.Issue input) {
        return giftCards.issue(callers.current(), input);
    }
}
