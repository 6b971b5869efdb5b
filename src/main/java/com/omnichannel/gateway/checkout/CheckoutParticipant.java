package com.omnichannel.gateway.checkout;

import java.util.List;

import com.omnichannel.gateway.platform.errors.Refusal;
import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * Takes part in the order transaction of a checkout (e.g. loyalty points redeemed and earned, promotion usage
 * counted). Runs after the lines are written, on the same connection: before the stock reservation when the
 * order is placed from the stock as last seen, after it when placed from locked levels (see
 * {@link CheckoutTransaction}). Failing with {@link Refusal} rolls the whole checkout back and answers with
 * its user error. Implementations are CDI beans; all of them run, one after another.
 */
public interface CheckoutParticipant {

    /**
     * The order as placed: keys and amounts in minor units, the discounts {@link CheckoutDiscounts} applied and the
     * tenders {@link CheckoutTenders} took (to debit in this transaction).
     */
    record PlacedOrder(long orderKey, String number, String customerId, String email, FulfilmentType fulfilmentType,
            String currency, long subtotalMinor, long discountMinor, long totalMinor, List<PlacedLine> lines,
            CheckoutInputs.CheckoutComplete input, CheckoutDiscounts.Applied discounts, CheckoutTenders.Applied tenders) {
    }

    record PlacedLine(long lineKey, long variantKey, long productKey, int quantity, long unitPriceMinor, long discountMinor,
            long totalMinor) {
    }

    Uni<Void> orderPlaced(Db.Tx tx, Caller caller, PlacedOrder order);
}
