package com.omnichannel.gateway.checkout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.omnichannel.gateway.platform.errors.Refusal;
import com.omnichannel.gateway.cart.CheckoutCart;
import com.omnichannel.gateway.catalog.CatalogConfig;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.checkout.allocation.AllocationStrategy;
import com.omnichannel.gateway.checkout.payment.PaymentResult;
import com.omnichannel.gateway.inventory.StockReservations;
import com.omnichannel.gateway.inventory.StockReservations.OrderStock;
import com.omnichannel.gateway.order.NewOrder;
import com.omnichannel.gateway.order.OrderPlacement;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.store.PickupSlots;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * The order transaction of a checkout: the order with its lines and shipments (through {@link OrderPlacement}), its
 * stock reserved (through {@link StockReservations}), the pickup slot booked (through {@link PickupSlots}) and the
 * checkout participants' part, all or nothing.
 * <p>
 * The order is placed from the stock as last seen, without locking levels it does not take: the plan is reserved
 * only where the levels still have the units, which the database checks on each row as it changes it. When they no
 * longer do (another order took them, or the levels seen were out of date), that transaction rolls back and the
 * order is placed from locked levels instead, which also gives the exact shortage.
 */
@ApplicationScoped
class CheckoutTransaction {

    private final Db db;
    private final OrderPlacement orders;
    private final StockReservations stockReservations;
    private final AllocationStrategy allocation;
    private final PickupSlots pickupSlots;
    private final List<CheckoutParticipant> participants;
    private final String currency;

    CheckoutTransaction(Db db, OrderPlacement orders, StockReservations stockReservations, AllocationStrategy allocation,
            PickupSlots pickupSlots, Instance<CheckoutParticipant> participants, CatalogConfig catalogConfig) {
        this.db = db;
        this.orders = orders;
        this.stockReservations = stockReservations;
        this.allocation = allocation;
        this.pickupSlots = pickupSlots;
        this.participants = participants.stream().toList();
        this.currency = catalogConfig.currency();
    }

    /** What the order transaction writes, apart from where the units come from. */
    record PaidCheckout(Caller caller, CheckoutInputs.CheckoutComplete input, String idempotencyKey, String requestHash,
            PreparedCheckout prepared, CheckoutTenders.Applied tenders, PaymentResult payment) {
    }

    Uni<OrderAttempt> place(PaidCheckout checkout) {
        PreparedCheckout p = checkout.prepared();
        return stockReservations.supply(variantKeys(p.cart()), p.pickupKey()).chain(seen -> {
            AllocationStrategy.Plan plan = allocate(checkout, seen);
            // Levels are locked in one global order. The rows checkout participants lock (points being redeemed, a
            // promotion with a usage limit) are locked before the levels from the stock as last seen, and after them
            // from locked levels, so two such checkouts can deadlock over one of them. PostgreSQL then fails one, and
            // that one is placed (again) from locked levels rather than the shopper seeing an error.
            Uni<OrderAttempt> fromLockedLevels = Uni.createFrom().deferred(() -> attempt(checkout, null))
                    .onFailure(CheckoutTransaction::isDeadlock).retry().atMost(2);
            if (!plan.complete()) {
                return fromLockedLevels;
            }
            return attempt(checkout, plan)
                    .onFailure(CheckoutTransaction::isDeadlock).recoverWithUni(() -> fromLockedLevels)
                    .chain(attempt -> attempt instanceof OrderAttempt.LevelsChanged ? fromLockedLevels : ended(attempt));
        });
    }

    /**
     * One order transaction. With a plan made from the stock as last seen, the participants come first and the
     * reservation last, committing the transaction where the levels still have the units (else LevelsChanged);
     * without one, the variants' levels are locked and allocated first.
     */
    private Uni<OrderAttempt> attempt(PaidCheckout checkout, AllocationStrategy.Plan seenPlan) {
        PreparedCheckout p = checkout.prepared();
        Caller caller = checkout.caller();
        return db.inTransaction(tx -> {
            Uni<AllocationStrategy.Plan> planned = seenPlan != null ? Uni.createFrom().item(seenPlan)
                    : stockReservations.lockSupply(tx, variantKeys(p.cart()), p.pickupKey()).map(supply -> allocate(checkout, supply));
            return planned.chain(plan -> {
                if (!plan.complete()) {
                    tx.rollBack();
                    return ended(new OrderAttempt.Contended(shortage(p.cart(), p.variants(), plan)));
                }
                NewOrder newOrder = newOrder(checkout, plan);
                List<OrderStock> reservations = plan.allocations().stream()
                        .map(a -> new OrderStock(a.variantKey(), a.locationKey(), a.quantity())).toList();
                return orders.place(tx, caller, newOrder).chain(placement -> {
                    if (placement instanceof OrderPlacement.KeyTaken) {
                        // Taken by a concurrent request whose transaction then rolled back, if no order has it.
                        tx.rollBack();
                        return ended(new OrderAttempt.Contended(new CheckoutOutcome.Refused(UserError.of(
                                "CHECKOUT_CONFLICT", "Another checkout with this key did not complete; try again", "input", "idempotencyKey"))));
                    }
                    OrderPlacement.Placed placed = (OrderPlacement.Placed) placement;
                    // A full slot refuses (Refusal) and rolls the order back before any stock is reserved.
                    Uni<Void> booked = p.pickupSlot() == null ? Uni.createFrom().voidItem()
                            : pickupSlots.book(tx, p.pickupSlot(), placed.orderKey(), "input", "cartId");
                    Uni<Void> participated = booked.chain(() -> participate(tx, checkout, placed, newOrder));
                    // From the stock as last seen, the reservation comes last and commits: the levels, which concurrent
                    // checkouts of the same variants wait for, are locked only from there to the commit.
                    if (seenPlan != null) {
                        return participated.chain(() -> stockReservations.reserveWhereAvailableThenCommit(tx, reservations, caller.actor(),
                                caller.channel(), placed.number()))
                                .map(reservation -> reservation == StockReservations.Reservation.RESERVED
                                        ? (OrderAttempt) new OrderAttempt.Placed(placed) : new OrderAttempt.LevelsChanged());
                    }
                    return stockReservations.reserve(tx, reservations, caller.actor(), caller.channel(), placed.number())
                            .chain(() -> participated)
                            .replaceWith((OrderAttempt) new OrderAttempt.Placed(placed));
                });
            });
        })
                // A participant's refusal has rolled the transaction back.
                .onFailure(Refusal.class)
                .recoverWithItem(failure -> (OrderAttempt) new OrderAttempt.Refused(((Refusal) failure).error()))
                // Racing an identical request, the insert can meet the other order's cart version before its key.
                .onFailure(CheckoutTransaction::isCartAlreadyOrdered).recoverWithItem(() -> (OrderAttempt) new OrderAttempt.Contended(
                        new CheckoutOutcome.Refused(UserError.of("CART_ALREADY_CHECKED_OUT", "This cart has just become an order",
                                "input", "cartId"))));
    }

    private NewOrder newOrder(PaidCheckout checkout, AllocationStrategy.Plan plan) {
        PreparedCheckout p = checkout.prepared();
        CheckoutCart cart = p.cart();
        List<NewOrder.Line> lines = new ArrayList<>();
        Map<Long, Integer> positionByVariant = new HashMap<>();
        for (int i = 0; i < cart.lines().size(); i++) {
            CheckoutCart.Line line = cart.lines().get(i);
            ProductVariant variant = p.variants().get(i);
            String productName = p.productNames().get(variant.key());
            CheckoutPricing.LineTotals totals = p.totals().lines().get(i);
            lines.add(new NewOrder.Line(i, variant.key(), variant.sku(), productName == null ? variant.title() : productName,
                    variant.title(), line.quantity(), variant.price().minorUnits(), totals.discountMinor(),
                    totals.taxMinor(), totals.totalMinor(), line.channel()));
            positionByVariant.put(line.variantKey(), i);
        }
        List<Long> locations = new ArrayList<>(new LinkedHashSet<>(plan.allocations().stream()
                .map(AllocationStrategy.Allocation::locationKey).toList()));
        List<NewOrder.Allocation> allocations = plan.allocations().stream()
                .map(a -> new NewOrder.Allocation(a.locationKey(), positionByVariant.get(a.variantKey()), a.quantity()))
                .toList();
        Caller caller = checkout.caller();
        CheckoutInputs.CheckoutComplete input = checkout.input();
        PaymentResult payment = checkout.payment();
        CheckoutPricing.Totals totals = p.totals();
        return new NewOrder(caller.customerId(), p.email(), caller.channel(), cart.channels(),
                cart.id(), cart.version(), input.fulfilment().type(), p.pickupKey(), p.address(),
                CheckoutPreparation.blankToNull(input.fulfilment().curbsideNote()), currency, totals.pricesIncludeTax(),
                totals.subtotalMinor(), totals.discountMinor(), totals.shippingMinor(), totals.taxMinor(), totals.totalMinor(),
                checkout.tenders().totalMinor(),
                input.payment().method(), payment.status(), payment.reference(), payment.cardLast4(), checkout.idempotencyKey(),
                checkout.requestHash(), lines, locations, allocations);
    }

    /** Lets every {@link CheckoutParticipant} act inside the order transaction, one after another. */
    private Uni<Void> participate(Db.Tx tx, PaidCheckout checkout, OrderPlacement.Placed placed, NewOrder newOrder) {
        if (participants.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<CheckoutParticipant.PlacedLine> lines = new ArrayList<>();
        for (int i = 0; i < newOrder.lines().size(); i++) {
            NewOrder.Line l = newOrder.lines().get(i);
            lines.add(new CheckoutParticipant.PlacedLine(placed.lineKeys().get(i), l.variantId(),
                    checkout.prepared().variants().get(i).productKey(), l.quantity(), l.unitPrice(), l.discount(), l.total()));
        }
        CheckoutParticipant.PlacedOrder placedOrder = new CheckoutParticipant.PlacedOrder(placed.orderKey(), placed.number(),
                placed.customerId(), placed.email(), placed.fulfilmentType(), placed.currency(), placed.subtotalMinor(),
                placed.discountMinor(), placed.totalMinor(), lines, checkout.input(), checkout.prepared().discounts(), checkout.tenders());
        Uni<Void> result = Uni.createFrom().voidItem();
        for (CheckoutParticipant participant : participants) {
            result = result.chain(() -> participant.orderPlaced(tx, checkout.caller(), placedOrder));
        }
        return result;
    }

    private AllocationStrategy.Plan allocate(PaidCheckout checkout, List<StockReservations.Supply> supply) {
        List<AllocationStrategy.Demand> demand = checkout.prepared().cart().lines().stream()
                .map(l -> new AllocationStrategy.Demand(l.variantKey(), l.quantity())).toList();
        return allocation.allocate(demand, supply.stream().map(s -> new AllocationStrategy.Supply(s.variantKey(), s.locationKey(),
                s.warehouse(), s.priority(), s.available())).toList(), checkout.input().fulfilment().type(), checkout.prepared().pickupKey());
    }

    private static Set<Long> variantKeys(CheckoutCart cart) {
        Set<Long> keys = new LinkedHashSet<>();
        cart.lines().forEach(l -> keys.add(l.variantKey()));
        return keys;
    }

    private static CheckoutOutcome.Short shortage(CheckoutCart cart, List<ProductVariant> variants, AllocationStrategy.Plan plan) {
        List<CheckoutPayload.StockShortage> shortages = new ArrayList<>();
        List<UserError> errors = new ArrayList<>();
        for (AllocationStrategy.Shortfall s : plan.shortfalls()) {
            for (int i = 0; i < cart.lines().size(); i++) {
                if (cart.lines().get(i).variantKey() == s.variantKey()) {
                    ProductVariant variant = variants.get(i);
                    shortages.add(new CheckoutPayload.StockShortage(cart.lines().get(i).lineId(), variant, s.requested(), s.available()));
                    errors.add(UserError.of("INSUFFICIENT_STOCK", variant.sku() + ": " + s.requested() + " requested, "
                            + s.available() + " available", "input", "cartId"));
                }
            }
        }
        return new CheckoutOutcome.Short(shortages, errors);
    }

    private static Uni<OrderAttempt> ended(OrderAttempt attempt) {
        return Uni.createFrom().item(attempt);
    }

    private static boolean isDeadlock(Throwable t) {
        return t instanceof PgException pg && "40P01".equals(pg.getSqlState());
    }

    private static boolean isCartAlreadyOrdered(Throwable t) {
        return t instanceof PgException pg && "23505".equals(pg.getSqlState()) && pg.getConstraint() != null
                && pg.getConstraint().equals("order_cart_version_unique");
    }
}
