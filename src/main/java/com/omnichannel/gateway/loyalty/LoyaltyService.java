package com.omnichannel.gateway.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;


import com.omnichannel.gateway.catalog.CatalogConfig;
import com.omnichannel.gateway.customer.Customer;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.paging.Page;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.loyalty.LoyaltyRepository.AccountRow;
import com.omnichannel.gateway.loyalty.LoyaltyRepository.EntryRow;
import com.omnichannel.gateway.checkout.CheckoutParticipant;
import com.omnichannel.gateway.platform.errors.Refusal;
import com.omnichannel.gateway.order.OrderStatus;
import com.omnichannel.gateway.order.OrderStatusListener;

import io.smallrye.mutiny.Uni;

/**
 * Loyalty rules: tiers from qualifying spend, points earned per order (pending until the order is collected or
 * delivered), redeemed at checkout, reversed on cancellation, adjusted by staff and expired after inactivity.
 * Every balance change is a ledger entry written in the same statement as the cached balance.
 */
@ApplicationScoped
public class LoyaltyService {

    private static final int MAX_REASON = 500;
    private static final int MAX_ADJUST = 1_000_000;
    private static final int EXPIRY_BATCH = 1000;

    private final LoyaltyRepository repository;
    private final LoyaltyTiers tiers;
    private final LoyaltyConfig config;
    private final Db db;
    private final Clock clock;
    private final String currency;
    private final int digits;

    public LoyaltyService(LoyaltyRepository repository, LoyaltyTiers tiers, LoyaltyConfig config, Db db, Clock clock,
            CatalogConfig catalogConfig) {
        this.repository = repository;
        this.tiers = tiers;
        this.config = config;
        this.db = db;
        this.clock = clock;
        this.currency = catalogConfig.currency();
        this.digits = catalogConfig.currencyDigits();
    }

    // ---- reads

    /** Accounts of these customers, in order (an account that never saw a point reads as empty). */
    public Uni<List<LoyaltyAccount>> accountsOf(List<String> customerIds) {
        Set<String> ids = new LinkedHashSet<>(customerIds);
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.combine().all().unis(repository.accounts(ids), repository.qualifyingSpend(ids, qualifyingFrom())).asTuple()
                .map(t -> customerIds.stream().map(id -> account(id, t.getItem1().get(id), t.getItem2().getOrDefault(id, 0L))).toList());
    }

    /** Staff: any customer's account (the 360° view and adjustments). */
    public Uni<LoyaltyAccount> account(Caller caller, String customerId) {
        caller.requireStaff();
        String key = Customer.keyOf(customerId);
        if (key == null) {
            throw ApiException.badUserInput("Argument 'customerId' is not a customer id");
        }
        return accountsOf(List.of(key)).map(list -> list.get(0));
    }

    public Uni<LoyaltyLedgerConnection> ledger(LoyaltyAccount account, Integer first, String after) {
        PageRequest page = PageRequest.of(first, after, "loyaltyLedger");
        return repository.ledger(account.customerId(), page.fetchSize(), page.offset())
                .map(rows -> Page.connection(rows.stream().map(LoyaltyService::entry).toList(), page, LoyaltyLedgerConnection.Edge::new,
                        LoyaltyLedgerConnection::new));
    }

    /** The tier of each customer (the first tier for null, i.e. guests), in order. */
    public Uni<List<LoyaltyTiers.Tier>> tiersOf(List<String> customerIds) {
        Set<String> ids = new LinkedHashSet<>();
        customerIds.forEach(id -> {
            if (id != null) {
                ids.add(id);
            }
        });
        Uni<Map<String, Long>> spend = ids.isEmpty() ? Uni.createFrom().item(Map.of()) : repository.qualifyingSpend(ids, qualifyingFrom());
        return spend.map(bySpend -> customerIds.stream()
                .map(id -> tiers.tierFor(id == null ? 0 : bySpend.getOrDefault(id, 0L))).toList());
    }

    /** Points that orders of these amounts (minor units, after discounts) would earn for these customers. */
    public Uni<List<Integer>> pointsToEarn(List<String> customerIds, List<Long> amountsMinor) {
        return tiersOf(customerIds).map(tierList -> {
            List<Integer> points = new ArrayList<>();
            for (int i = 0; i < tierList.size(); i++) {
                points.add(Math.toIntExact(tiers.pointsFor(amountsMinor.get(i), tierList.get(i))));
            }
            return points;
        });
    }

    /** The configured tier names, lowest first. */
    public List<String> tierNames() {
        return tiers.all().stream().map(LoyaltyTiers.Tier::name).toList();
    }

    // ---- redemption at checkout

    /**
     * What redeeming these points takes off an order of this amount (after promotions), in minor units. Checks
     * the rules and the balance now; the balance is checked again, atomically, when the order is placed.
     *
     * @throws Refusal with the broken rule
     */
    public Uni<Long> redemptionValue(String customerId, int points, long orderAmountMinor) {
        if (points <= 0) {
            return refuse("INVALID_LOYALTY_POINTS", "Points to redeem must be a positive number");
        }
        if (customerId == null) {
            return refuse("LOYALTY_SIGN_IN_REQUIRED", "Sign in to redeem loyalty points");
        }
        if (points < config.minRedeemPoints()) {
            return refuse("LOYALTY_POINTS_BELOW_MINIMUM", "At least " + config.minRedeemPoints() + " points can be redeemed at once");
        }
        long value = valueOf(points);
        long allowed = new BigDecimal(orderAmountMinor).multiply(config.maxRedeemShare()).setScale(0, RoundingMode.DOWN).longValueExact();
        if (value > allowed) {
            return refuse("LOYALTY_POINTS_OVER_MAXIMUM", "Points can pay at most " + Money.ofMinor(allowed, currency).amount() + " "
                    + currency + " of this order");
        }
        return repository.accounts(Set.of(customerId)).map(accounts -> {
            AccountRow account = accounts.get(customerId);
            if (account == null || account.balance() < points) {
                throw refusal("INSUFFICIENT_POINTS", "Only " + (account == null ? 0 : account.balance()) + " points are available");
            }
            return value;
        });
    }

    /** Value of points in minor units, rounded down. */
    public long valueOf(long points) {
        return BigDecimal.valueOf(points).multiply(config.pointValue()).movePointRight(digits).setScale(0, RoundingMode.DOWN).longValueExact();
    }

    // ---- inside the order transaction

    /** Redeems the order's points (never below zero) and records the points it will earn once collected. */
    Uni<Void> orderPlaced(Db.Tx tx, Caller caller, CheckoutParticipant.PlacedOrder order) {
        String customerId = order.customerId();
        Integer redeem = order.input().loyaltyPoints();
        if (customerId == null) {
            if (redeem != null && redeem > 0) {
                throw refusal("LOYALTY_SIGN_IN_REQUIRED", "Sign in to redeem loyalty points");
            }
            return Uni.createFrom().voidItem();
        }
        Uni<Void> redeemed = redeem == null || redeem <= 0 ? Uni.createFrom().voidItem()
                : repository.append(tx, customerId, LoyaltyLedgerKind.REDEEM, -redeem, "Redeemed on order " + order.number(),
                        order.orderKey(), order.number(), caller.channel().name(), caller.actor(), caller.channel().name(), true)
                        .invoke(entry -> {
                            if (entry == null) {
                                throw refusal("INSUFFICIENT_POINTS", "Not enough points are available any more");
                            }
                        }).replaceWithVoid();
        long earningAmount = order.subtotalMinor() - order.discountMinor();
        return repository.ensureAccount(tx, customerId)
                .chain(() -> redeemed)
                .chain(() -> repository.qualifyingSpend(tx, customerId, qualifyingFrom()))
                .chain(spend -> {
                    long points = tiers.pointsFor(earningAmount, tiers.tierFor(spend));
                    return points <= 0 ? Uni.createFrom().voidItem() : repository.addPending(tx, customerId, order.orderKey(), points);
                });
    }

    /**
     * An over-the-counter sale at a store's POS for an identified customer: the goods left with them at once, so the
     * points are earned at once (no pending stage), at the customer's tier, on what they paid for the goods.
     */
    public Uni<Void> earnForStoreSale(Db.Tx tx, Caller caller, String customerId, long orderKey, String orderNumber,
            long amountMinor) {
        String channel = caller.channel().name();
        return repository.ensureAccount(tx, customerId)
                .chain(() -> repository.qualifyingSpend(tx, customerId, qualifyingFrom()))
                .chain(spend -> {
                    long points = tiers.pointsFor(amountMinor, tiers.tierFor(spend));
                    return points <= 0 ? Uni.createFrom().voidItem()
                            : repository.append(tx, customerId, LoyaltyLedgerKind.EARN, points, "Store sale " + orderNumber, orderKey,
                                    orderNumber, channel, caller.actor(), channel, true).replaceWithVoid();
                });
    }

    /** Collected or delivered: pending points become available. Cancelled: pending dropped, redeemed points returned. */
    Uni<Void> statusChanged(Db.Tx tx, Caller caller, OrderStatusListener.StatusChange change) {
        if (change.customerId() == null) {
            return Uni.createFrom().voidItem();
        }
        // The points are the order's: they count for the channel it was placed through, whoever moved it on.
        String channel = change.orderChannel().name();
        String actorChannel = caller.channel().name();
        if (change.to() == OrderStatus.DELIVERED || change.to() == OrderStatus.PICKED_UP) {
            // Points returns took back while pending are not earned.
            return repository.settlePending(tx, change.orderKey(), "EARNED").chain(pending -> pending == null || pending.points() <= 0
                    ? Uni.createFrom().voidItem()
                    : repository.append(tx, pending.customerId(), LoyaltyLedgerKind.EARN, pending.points(),
                            "Order " + change.number() + " " + change.to().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                            change.orderKey(), change.number(), channel, caller.actor(), actorChannel, true).replaceWithVoid());
        }
        if (change.to() == OrderStatus.CANCELLED) {
            return repository.settlePending(tx, change.orderKey(), "CANCELLED")
                    .chain(() -> repository.redeemedBy(tx, change.orderKey()))
                    .chain(redeemed -> redeemed <= 0 ? Uni.createFrom().voidItem()
                            : repository.append(tx, change.customerId(), LoyaltyLedgerKind.REVERSE, redeemed,
                                    "Order " + change.number() + " cancelled: redeemed points returned", change.orderKey(),
                                    change.number(), channel, caller.actor(), actorChannel, false).replaceWithVoid());
        }
        return Uni.createFrom().voidItem();
    }

    // ---- returns

    /**
     * Part of an order came back: the goods paid for its returned units so far ({@code returnedBeforeMinor}, then
     * {@code returnedNowMinor} more) out of what was paid for all of its goods.
     */
    public record ReturnedShare(long orderKey, String orderNumber, String customerId, Channel orderChannel, long returnedBeforeMinor,
            long returnedNowMinor, long goodsMinor) {
    }

    /** Points settled for a return: earned points taken back, the part of them forgiven as already spent, redeemed points given back. */
    public record PointsOnReturn(long takenBack, long forgiven, long givenBack) {
        public static final PointsOnReturn NONE = new PointsOnReturn(0, 0, 0);
    }

    /**
     * Settles the order's points for returned units, in the return's transaction. Both directions are cumulative
     * shares of the order rounded down, so however many returns bring the order back, all of them together take back
     * exactly the points it earned and give back exactly the points it redeemed. Earned points still pending are
     * dropped; earned points already available are taken off the balance, never below zero: what the customer has
     * already spent is forgiven (and recorded as such), not owed.
     */
    public Uni<PointsOnReturn> unitsReturned(Db.Tx tx, Caller caller, ReturnedShare share) {
        if (share.customerId() == null || share.goodsMinor() <= 0 || share.returnedNowMinor() <= 0) {
            return Uni.createFrom().item(PointsOnReturn.NONE);
        }
        long returnedAfter = Math.min(share.goodsMinor(), share.returnedBeforeMinor() + share.returnedNowMinor());
        String channel = share.orderChannel().name();
        String actorChannel = caller.channel().name();
        Uni<long[]> taken = repository.lockEarn(tx, share.orderKey()).chain(earn -> {
            if (earn == null || "CANCELLED".equals(earn.state())) {
                return Uni.createFrom().item(new long[] {0, 0});
            }
            long take = cumulativeShare(earn.points(), returnedAfter, share.goodsMinor()) - earn.returnedPoints();
            if (take <= 0) {
                return Uni.createFrom().item(new long[] {0, 0});
            }
            boolean pending = "PENDING".equals(earn.state());
            Uni<Long> fromBalance = pending ? Uni.createFrom().item(take)
                    : repository.takeBackUpTo(tx, earn.customerId(), take, "Units of order " + share.orderNumber() + " returned: earned points taken back",
                            share.orderKey(), share.orderNumber(), channel, caller.actor(), actorChannel);
            return fromBalance.chain(actual -> repository.takeBackEarn(tx, share.orderKey(), take, pending)
                    .replaceWith(new long[] {actual, take - actual}));
        });
        return taken.chain(t -> repository.redeemedBy(tx, share.orderKey()).chain(redeemed -> repository.redeemedGivenBack(tx, share.orderKey())
                .chain(givenBefore -> {
                    long back = cumulativeShare(redeemed, returnedAfter, share.goodsMinor()) - givenBefore;
                    if (back <= 0) {
                        return Uni.createFrom().item(new PointsOnReturn(t[0], t[1], 0));
                    }
                    return repository.ensureAccount(tx, share.customerId())
                            .chain(() -> repository.append(tx, share.customerId(), LoyaltyLedgerKind.RETURN, back,
                                    "Units of order " + share.orderNumber() + " returned: redeemed points given back", share.orderKey(),
                                    share.orderNumber(), channel, caller.actor(), actorChannel, true))
                            .replaceWith(new PointsOnReturn(t[0], t[1], back));
                })));
    }

    /** {@code points} times the returned share of the order, rounded down. */
    static long cumulativeShare(long points, long returnedMinor, long goodsMinor) {
        return BigDecimal.valueOf(points).multiply(BigDecimal.valueOf(returnedMinor))
                .divide(BigDecimal.valueOf(goodsMinor), 0, RoundingMode.DOWN).longValueExact();
    }

    // ---- staff

    public Uni<LoyaltyAdjustPayload> adjust(Caller caller, LoyaltyInputs.Adjust input) {
        caller.requireStaff();
        String customerId = Customer.keyOf(input.customerId());
        if (customerId == null) {
            return Uni.createFrom().item(LoyaltyAdjustPayload.failed(UserError.of("INVALID_CUSTOMER", "Give the customer's id", "input", "customerId")));
        }
        if (input.points() == 0 || Math.abs((long) input.points()) > MAX_ADJUST) {
            return Uni.createFrom().item(LoyaltyAdjustPayload.failed(UserError.of("INVALID_POINTS",
                    "Points must be non-zero and at most " + MAX_ADJUST + " either way", "input", "points")));
        }
        String reason = input.reason() == null ? "" : input.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            return Uni.createFrom().item(LoyaltyAdjustPayload.failed(UserError.of("REASON_REQUIRED",
                    "Give a reason of 1 to " + MAX_REASON + " characters", "input", "reason")));
        }
        return db.inTransaction(tx -> repository.ensureAccount(tx, customerId)
                .chain(() -> repository.append(tx, customerId, LoyaltyLedgerKind.ADJUST, input.points(), reason, null, null,
                        caller.channel().name(), caller.actor(), caller.channel().name(), true)))
                .chain(entry -> {
                    if (entry == null) {
                        return Uni.createFrom().item(LoyaltyAdjustPayload.failed(UserError.of("INSUFFICIENT_POINTS",
                                "The balance cannot go below zero", "input", "points")));
                    }
                    return accountsOf(List.of(customerId)).map(accounts -> new LoyaltyAdjustPayload(accounts.get(0), entry(entry), List.of()));
                });
    }

    // ---- expiry

    /** Expires the points of every account inactive for the configured period as of {@code now}; returns how many. */
    public Uni<Integer> expireInactive(Instant now) {
        OffsetDateTime inactiveSince = OffsetDateTime.ofInstant(now.minus(config.expireAfterInactivity()), ZoneOffset.UTC);
        return repository.expire(inactiveSince, EXPIRY_BATCH)
                .chain(n -> n < EXPIRY_BATCH ? Uni.createFrom().item(n) : expireInactive(now).map(more -> n + more));
    }

    // ---- helpers

    private OffsetDateTime qualifyingFrom() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minusMonths(config.qualifyingMonths());
    }

    private LoyaltyAccount account(String customerId, AccountRow row, long spend) {
        LoyaltyTiers.Tier tier = tiers.tierFor(spend);
        LoyaltyTiers.Tier next = tiers.nextTier(spend);
        long balance = row == null ? 0 : row.balance();
        return new LoyaltyAccount(LoyaltyAccount.globalId(customerId), tier.name(), Math.toIntExact(balance), row == null ? 0 : Math.toIntExact(row.pending()), Money.ofMinor(valueOf(balance), currency),
                Money.ofMinor(spend, currency),
                next == null ? null : new LoyaltyAccount.NextTier(next.name(), Money.ofMinor(next.thresholdMinor() - spend, currency)),
                customerId);
    }

    private static LoyaltyLedgerEntry entry(EntryRow r) {
        return new LoyaltyLedgerEntry(LoyaltyLedgerEntry.globalId(r.id()), r.kind(), Math.toIntExact(r.points()), r.reason(), r.orderNumber(),
                r.channel() == null ? null : Channel.valueOf(r.channel()), r.actorChannel() == null ? null : Channel.valueOf(r.actorChannel()),
                r.createdAt());
    }

    private static Refusal refusal(String code, String message) {
        return new Refusal(UserError.of(code, message, "input", "loyaltyPoints"));
    }

    private static <T> Uni<T> refuse(String code, String message) {
        return Uni.createFrom().failure(refusal(code, message));
    }
}
