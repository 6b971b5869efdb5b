package com.omnichannel.gateway.credit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.checkout.CheckoutParticipant;
import com.omnichannel.gateway.checkout.CheckoutTenders;
import com.omnichannel.gateway.order.Order;
import com.omnichannel.gateway.order.OrderStatus;
import com.omnichannel.gateway.order.OrderStatusListener;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.Refusal;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * Store credit and gift cards as checkout tenders: planned before payment (so the card or the till takes only the
 * rest), debited inside the order transaction (never below zero: a balance spent meanwhile refuses the order), and
 * given back when the order is cancelled.
 */
@ApplicationScoped
public class CreditCheckout implements CheckoutTenders, CheckoutParticipant, OrderStatusListener {

    private final StoreCreditService storeCredit;
    private final GiftCardService giftCards;

    public CreditCheckout(StoreCreditService storeCredit, GiftCardService giftCards) {
        this.storeCredit = storeCredit;
        this.giftCards = giftCards;
    }

    @Override
    public Uni<Applied> apply(Context context) {
        if (context.storeCreditAmount() == null && context.giftCardCodes().isEmpty()) {
            return Uni.createFrom().item(Applied.NONE);
        }
        Long creditMinor = null;
        if (context.storeCreditAmount() != null) {
            if (context.customerId() == null) {
                return refuse(UserError.of("STORE_CREDIT_SIGN_IN_REQUIRED", "Sign in to spend store credit", "input", "storeCreditAmount"));
            }
            creditMinor = positiveMinor(context.storeCreditAmount(), context.currency());
            if (creditMinor == null) {
                return refuse(UserError.of("INVALID_AMOUNT", "Store credit to spend must be a positive decimal amount in "
                        + context.currency() + ", e.g. \"10.00\"", "input", "storeCreditAmount"));
            }
        }
        Long credit = creditMinor;
        Uni<Long> balance = credit == null ? Uni.createFrom().item(0L) : storeCredit.balanceOf(context.customerId());
        return Uni.combine().all().unis(balance, giftCards.cardsFor(context.giftCardCodes())).asTuple().map(t -> {
            if (t.getItem2() instanceof GiftCardService.CardLookup.Refused refused) {
                throw new Refusal(refused.error());
            }
            List<TenderPlan.Card> cards = ((GiftCardService.CardLookup.Found) t.getItem2()).cards();
            TenderPlan.Outcome outcome = TenderPlan.plan(context.amountDueMinor(), credit, t.getItem1(), cards);
            if (outcome instanceof TenderPlan.Outcome.Refused refused) {
                throw new Refusal(refused.error());
            }
            return ((TenderPlan.Outcome.Planned) outcome).applied();
        });
    }

    @Override
    public Uni<Void> orderPlaced(Db.Tx tx, Caller caller, PlacedOrder order) {
        Uni<Void> debited = Uni.createFrom().voidItem();
        for (Tender tender : order.tenders().tenders()) {
            debited = debited.chain(() -> debit(tx, caller, order, tender));
        }
        return debited;
    }

    private Uni<Void> debit(Db.Tx tx, Caller caller, PlacedOrder order, Tender tender) {
        if (TenderPlan.STORE_CREDIT.equals(tender.kind())) {
            return storeCredit.spend(tx, caller, order.customerId(), tender.amountMinor(), order.orderKey(), order.number())
                    .invoke(spent -> {
                        if (!spent) {
                            throw new Refusal(UserError.of("INSUFFICIENT_STORE_CREDIT",
                                    "The store credit balance changed meanwhile and no longer covers this amount", "input", "storeCreditAmount"));
                        }
                    }).replaceWithVoid();
        }
        return giftCards.redeem(tx, caller, tender.sourceKey(), tender.amountMinor(), order.orderKey(), order.number())
                .invoke(redeemed -> {
                    if (!redeemed) {
                        throw new Refusal(UserError.of("GIFT_CARD_BALANCE_CHANGED",
                                "A gift card was spent or expired meanwhile; check its balance and try again", "input", "giftCardCodes"));
                    }
                }).replaceWithVoid();
    }

    /** The tenders of these orders, in order: store credit first, then gift cards as they were applied. */
    public Uni<List<List<OrderTender>>> tendersOf(List<Order> orders) {
        Set<Long> keys = new LinkedHashSet<>();
        orders.forEach(o -> keys.add(o.key()));
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.combine().all().unis(storeCredit.spentByOrders(keys), giftCards.redeemedByOrders(keys)).asTuple().map(t -> {
            List<List<OrderTender>> result = new ArrayList<>();
            for (Order order : orders) {
                String currency = order.total().currencyCode();
                List<OrderTender> tenders = new ArrayList<>();
                Long credit = t.getItem1().get(order.key());
                if (credit != null) {
                    tenders.add(new OrderTender(OrderTender.Kind.STORE_CREDIT, Money.ofMinor(credit, currency), null));
                }
                t.getItem2().getOrDefault(order.key(), List.of()).forEach(r -> tenders.add(
                        new OrderTender(OrderTender.Kind.GIFT_CARD, Money.ofMinor(r.amountMinor(), currency), r.last4())));
                result.add(tenders);
            }
            return result;
        });
    }

    @Override
    public Uni<Void> statusChanged(Db.Tx tx, Caller caller, StatusChange change) {
        if (change.to() != OrderStatus.CANCELLED) {
            return Uni.createFrom().voidItem();
        }
        return storeCredit.restore(tx, caller, change.orderKey(), change.number())
                .chain(() -> giftCards.restore(tx, caller, change.orderKey(), change.number()));
    }

    private static Long positiveMinor(String amount, String currency) {
        try {
            long minor = Money.toMinor(amount, currency);
            return minor > 0 ? minor : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <T> Uni<T> refuse(UserError error) {
        return Uni.createFrom().failure(new Refusal(error));
    }
}
