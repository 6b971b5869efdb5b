package com.omnichannel.gateway.promotion;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;


import com.omnichannel.gateway.catalog.CatalogConfig;
import com.omnichannel.gateway.cart.Cart;
import com.omnichannel.gateway.cart.CartLine;
import com.omnichannel.gateway.cart.CartPayload;
import com.omnichannel.gateway.cart.CartService;
import com.omnichannel.gateway.platform.db.Batch;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.loyalty.LoyaltyService;
import com.omnichannel.gateway.loyalty.LoyaltyTiers;
import com.omnichannel.gateway.checkout.CheckoutDiscounts;
import com.omnichannel.gateway.checkout.CheckoutParticipant;
import com.omnichannel.gateway.platform.errors.Refusal;
import com.omnichannel.gateway.order.Order;

import io.smallrye.mutiny.Uni;

/**
 * Promotions: what a cart gets (live, on every read), coupons on carts, the discounts checkout applies and freezes,
 * usage limits that hold under concurrent checkouts, and the staff's promotion definitions.
 */
@ApplicationScoped
public class PromotionService {

    static final String KIND_PROMOTION = DiscountKind.PROMOTION.name();
    static final String KIND_POINTS = DiscountKind.LOYALTY_POINTS.name();
    private static final Pattern CODE = Pattern.compile("^[A-Z0-9-]{3,32}$");

    private final PromotionRepository repository;
    private final PromotionCache cache;
    private final CartService carts;
    private final LoyaltyService loyalty;
    private final Db db;
    private final Clock clock;
    private final String currency;

    public PromotionService(PromotionRepository repository, PromotionCache cache, CartService carts, LoyaltyService loyalty, Db db,
            Clock clock, CatalogConfig catalogConfig) {
        this.repository = repository;
        this.cache = cache;
        this.carts = carts;
        this.loyalty = loyalty;
        this.db = db;
        this.clock = clock;
        this.currency = catalogConfig.currency();
    }

    // =========================================================================================================
    // Evaluating carts and checkouts
    // =========================================================================================================

    /** A basket to evaluate: who, which coupon, which lines (product, quantity, unit price). */
    record Basket(String customerId, String couponCode, List<BasketLine> lines) {
    }

    record BasketLine(long productKey, int quantity, long unitPriceMinor) {
    }

    /**
     * Evaluates baskets with one read of the promotions and one of the categories, whatever their number; from the
     * cache for cart reads ({@code fresh} false), from the database for applying a coupon and for checkout.
     */
    Uni<List<PromotionEngine.Result>> evaluate(List<Basket> baskets, String channel, boolean fresh) {
        Instant now = clock.instant();
        Set<String> codes = new LinkedHashSet<>();
        Set<Long> productKeys = new LinkedHashSet<>();
        for (Basket b : baskets) {
            if (b.couponCode() != null) {
                codes.add(b.couponCode());
            }
            b.lines().forEach(l -> productKeys.add(l.productKey()));
        }
        if (productKeys.isEmpty()) {
            return Uni.createFrom().item(baskets.stream().map(b -> NOTHING).toList());
        }
        Uni<List<PromotionRule>> applicable = fresh ? repository.applicable(codes, now) : cache.applicable(codes, now);
        return Uni.combine().all().unis(applicable, cache.categoriesOf(productKeys)).asTuple()
                .chain(t -> {
                    List<PromotionRule> rules = t.getItem1();
                    Map<Long, Set<Long>> categories = t.getItem2();
                    List<PromotionRule> automatic = rules.stream().filter(PromotionRule::automatic).toList();
                    Map<String, PromotionRule> coupons = new HashMap<>();
                    rules.stream().filter(r -> !r.automatic()).forEach(r -> coupons.put(r.code(), r));
                    boolean tiered = rules.stream().anyMatch(r -> !r.customerTiers().isEmpty());
                    Set<Long> limited = new LinkedHashSet<>();
                    rules.stream().filter(r -> r.perCustomerLimit() != null).forEach(r -> limited.add(r.key()));
                    Set<String> customers = new LinkedHashSet<>();
                    baskets.forEach(b -> {
                        if (b.customerId() != null) {
                            customers.add(b.customerId());
                        }
                    });
                    List<String> customerOrder = baskets.stream().map(Basket::customerId).toList();
                    Uni<List<LoyaltyTiers.Tier>> tiers = tiered && !customers.isEmpty() ? loyalty.tiersOf(customerOrder)
                            : Uni.createFrom().item(java.util.Collections.nCopies(baskets.size(), null));
                    Uni<Map<String, Map<Long, Integer>>> uses = limited.isEmpty() || customers.isEmpty() ? Uni.createFrom().item(Map.of())
                            : repository.uses(limited, customers);
                    return Uni.combine().all().unis(tiers, uses).asTuple().map(tu -> {
                        List<PromotionEngine.Result> results = new ArrayList<>();
                        for (int i = 0; i < baskets.size(); i++) {
                            Basket b = baskets.get(i);
                            LoyaltyTiers.Tier tier = tu.getItem1().get(i);
                            PromotionEngine.Shopper shopper = new PromotionEngine.Shopper(tier == null ? null : tier.name(), channel, now,
                                    b.customerId() == null ? Map.of() : tu.getItem2().getOrDefault(b.customerId(), Map.of()),
                                    b.customerId() != null);
                            List<PromotionEngine.Line> lines = b.lines().stream().map(l -> new PromotionEngine.Line(l.productKey(),
                                    categories.getOrDefault(l.productKey(), Set.of()), l.quantity(), l.unitPriceMinor())).toList();
                            results.add(PromotionEngine.evaluate(lines, automatic,
                                    b.couponCode() == null ? null : coupons.get(b.couponCode()), b.couponCode(), shopper));
                        }
                        return results;
                    });
                });
    }

    /** An empty basket gets nothing (and a coupon on it is judged when lines arrive). */
    private static final PromotionEngine.Result NOTHING = new PromotionEngine.Result(new long[0], false, List.of(), null);

    /** The discounts of each cart, live, as checkout through the channel it is read through would apply them. */
    public Uni<List<CartDiscounts>> cartDiscounts(List<Cart> cartList) {
        // One evaluation per channel among the carts (normally one: a request has one channel).
        Map<Channel, List<Integer>> byChannel = new java.util.LinkedHashMap<>();
        for (int i = 0; i < cartList.size(); i++) {
            Channel channel = cartList.get(i).readThrough() == null ? Channel.WEB : cartList.get(i).readThrough();
            byChannel.computeIfAbsent(channel, c -> new ArrayList<>()).add(i);
        }
        CartDiscounts[] out = new CartDiscounts[cartList.size()];
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Map.Entry<Channel, List<Integer>> group : byChannel.entrySet()) {
            List<Cart> carts = group.getValue().stream().map(cartList::get).toList();
            all = all.chain(() -> evaluate(carts.stream().map(PromotionService::basket).toList(), group.getKey().name(), false).invoke(results -> {
                for (int j = 0; j < carts.size(); j++) {
                    out[group.getValue().get(j)] = view(carts.get(j), results.get(j));
                }
            }).replaceWithVoid());
        }
        return all.map(done -> List.of(out));
    }

    /**
     * What the promotions take off each cart line, as in its cart's {@link CartDiscounts#lines()}: the carts of the
     * lines are evaluated once each, however many lines are asked for.
     */
    public Uni<List<Money>> cartLineDiscounts(List<CartLine> lines) {
        Map<Cart, Integer> cartIndex = new java.util.IdentityHashMap<>();
        List<Cart> carts = new ArrayList<>();
        for (CartLine line : lines) {
            cartIndex.computeIfAbsent(line.cart(), cart -> {
                carts.add(cart);
                return carts.size() - 1;
            });
        }
        return cartDiscounts(carts).map(discounts -> {
            List<Map<String, Money>> byLine = discounts.stream().map(d -> {
                Map<String, Money> m = new HashMap<>();
                d.lines().forEach(l -> m.put(l.cartLineId(), l.discount()));
                return m;
            }).toList();
            return lines.stream().map(line -> byLine.get(cartIndex.get(line.cart())).getOrDefault(line.id(), Money.ofMinor(0, currency)))
                    .toList();
        });
    }

    /** Each line's subtotal minus its discount; null for lines no longer sold (they have no subtotal). */
    public Uni<List<Money>> cartLineTotals(List<CartLine> lines) {
        return cartLineDiscounts(lines).map(discounts -> {
            List<Money> totals = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                Money subtotal = lines.get(i).subtotal();
                totals.add(subtotal == null ? null
                        : Money.ofMinor(subtotal.minorUnits() - discounts.get(i).minorUnits(), subtotal.currencyCode()));
            }
            return totals;
        });
    }

    /** Subtotal after promotions of each cart (for the points its order would earn). */
    /**
     * Points each cart's order would earn: loyalty's earn rules applied to the subtotal after promotions (promotions
     * depend on loyalty tiers, so it is here that both are known).
     */
    public Uni<List<Integer>> loyaltyPointsToEarn(List<Cart> cartList) {
        return cartDiscounts(cartList).map(list -> list.stream().map(d -> d.subtotalAfterDiscounts().minorUnits()).toList())
                .chain(amounts -> loyalty.pointsToEarn(cartList.stream().map(Cart::customerId).toList(), amounts));
    }

    private static Basket basket(Cart cart) {
        List<BasketLine> lines = new ArrayList<>();
        for (CartLine line : priced(cart)) {
            lines.add(new BasketLine(line.variant().productKey(), line.quantity(), line.unitPrice().minorUnits()));
        }
        return new Basket(cart.customerId(), cart.couponCode(), lines);
    }

    /** The lines that are sold and priced; unavailable lines get no discount (checkout refuses them anyway). */
    private static List<CartLine> priced(Cart cart) {
        return cart.lines().stream().filter(l -> l.variant() != null && l.variant().active() && l.unitPrice() != null).toList();
    }

    private CartDiscounts view(Cart cart, PromotionEngine.Result result) {
        List<CartLine> priced = priced(cart);
        Map<String, Long> byLine = new HashMap<>();
        for (int i = 0; i < priced.size(); i++) {
            byLine.put(priced.get(i).id(), result.lineDiscounts().length > i ? result.lineDiscounts()[i] : 0L);
        }
        List<CartDiscounts.LineDiscount> lines = cart.lines().stream()
                .map(l -> new CartDiscounts.LineDiscount(l.id(), Money.ofMinor(byLine.getOrDefault(l.id(), 0L), currency))).toList();
        long total = result.total();
        return new CartDiscounts(applied(result), lines, Money.ofMinor(total, currency),
                Money.ofMinor(cart.subtotal().minorUnits() - total, currency), result.freeShipping(), result.couponProblem());
    }

    private List<AppliedDiscount> applied(PromotionEngine.Result result) {
        return result.applied().stream().map(a -> new AppliedDiscount(DiscountKind.PROMOTION, a.rule().code(), a.rule().describe(),
                Money.ofMinor(a.amountMinor(), currency), a.rule().kind() == PromotionKind.FREE_SHIPPING)).toList();
    }

    /**
     * Checkout's discounts: the promotions as the cart shows them, then loyalty points as a discount on what is
     * left, spread over the lines. A coupon that no longer applies, or points that cannot be redeemed, refuse the
     * checkout with a user error (rather than charging more than the cart showed).
     */
    Uni<CheckoutDiscounts.Applied> checkoutDiscounts(CheckoutDiscounts.Context context) {
        Basket basket = new Basket(context.customerId(), context.couponCode(),
                context.lines().stream().map(l -> new BasketLine(l.productKey(), l.quantity(), l.unitPriceMinor())).toList());
        return evaluate(List.of(basket), context.channel(), true).chain(results -> {
            PromotionEngine.Result result = results.get(0);
            if (result.couponProblem() != null) {
                UserError p = result.couponProblem();
                throw new Refusal(UserError.of(p.code(), p.message() + "; remove it from the cart to check out without it",
                        "input", "cartId"));
            }
            long[] discounts = result.lineDiscounts().clone();
            List<CheckoutDiscounts.Adjustment> adjustments = new ArrayList<>();
            List<String> descriptions = new ArrayList<>();
            for (PromotionEngine.Applied a : result.applied()) {
                boolean free = a.rule().kind() == PromotionKind.FREE_SHIPPING;
                adjustments.add(new CheckoutDiscounts.Adjustment(KIND_PROMOTION, a.rule().key(), a.rule().code(), a.rule().describe(),
                        a.amountMinor(), free, 0));
                descriptions.add(a.rule().describe());
            }
            Integer points = context.loyaltyPoints();
            if (points == null) {
                return Uni.createFrom().item(applied(discounts, result.freeShipping(), descriptions, adjustments));
            }
            long[] remaining = new long[discounts.length];
            long left = 0;
            for (int i = 0; i < discounts.length; i++) {
                CheckoutDiscounts.Line l = context.lines().get(i);
                remaining[i] = l.unitPriceMinor() * l.quantity() - discounts[i];
                left += remaining[i];
            }
            return loyalty.redemptionValue(context.customerId(), points, left).map(value -> {
                long[] share = PromotionEngine.spread(value, remaining, i -> true);
                for (int i = 0; i < discounts.length; i++) {
                    discounts[i] += share[i];
                }
                String description = points + " loyalty points";
                adjustments.add(new CheckoutDiscounts.Adjustment(KIND_POINTS, null, null, description, value, false, points));
                descriptions.add(description);
                return applied(discounts, result.freeShipping(), descriptions, adjustments);
            });
        });
    }

    private static CheckoutDiscounts.Applied applied(long[] discounts, boolean freeShipping, List<String> descriptions,
            List<CheckoutDiscounts.Adjustment> adjustments) {
        List<Long> lines = new ArrayList<>();
        for (long d : discounts) {
            lines.add(d);
        }
        return new CheckoutDiscounts.Applied(lines, freeShipping, descriptions, adjustments);
    }

    /**
     * Inside the order transaction: counts a use of every promotion applied (refusing the checkout when a total or
     * per-customer limit was reached meanwhile) and freezes the discounts on the order.
     */
    Uni<Void> orderPlaced(Db.Tx tx, CheckoutParticipant.PlacedOrder order) {
        List<CheckoutDiscounts.Adjustment> adjustments = order.discounts() == null ? List.of() : order.discounts().adjustments();
        if (adjustments.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String customer = order.customerId() != null ? order.customerId()
                : order.email() == null ? null : "email:" + order.email().toLowerCase(Locale.ROOT);
        // Promotions are locked in key order, so concurrent checkouts with several promotions cannot deadlock.
        List<CheckoutDiscounts.Adjustment> promotions = adjustments.stream().filter(a -> a.promotionKey() != null)
                .sorted(Comparator.comparing(CheckoutDiscounts.Adjustment::promotionKey)).toList();
        Uni<Void> uses = Uni.createFrom().voidItem();
        for (CheckoutDiscounts.Adjustment a : promotions) {
            uses = uses.chain(() -> repository.claimUse(tx, a.promotionKey()).map(claim -> {
                if (!claim.claimed()) {
                    throw refusal(a, "COUPON_EXHAUSTED", "PROMOTION_EXHAUSTED", "has just been used up");
                }
                return claim.perCustomerLimit();
            }).chain(limit -> limit == null || customer == null ? Uni.createFrom().voidItem()
                    : repository.usesBy(tx, a.promotionKey(), customer).invoke(used -> {
                        if (used >= limit) {
                            throw refusal(a, "COUPON_CUSTOMER_LIMIT", "PROMOTION_CUSTOMER_LIMIT", "was already used by you as often as it may be");
                        }
                    }).replaceWithVoid())
                    .chain(() -> repository.insertRedemption(tx, a.promotionKey(), order.orderKey(), customer)));
        }
        return uses.chain(() -> repository.insertOrderDiscounts(tx, order.orderKey(),
                adjustments.stream().map(CheckoutDiscounts.Adjustment::promotionKey).toList(),
                adjustments.stream().map(CheckoutDiscounts.Adjustment::kind).toList(),
                adjustments.stream().map(CheckoutDiscounts.Adjustment::code).toList(),
                adjustments.stream().map(CheckoutDiscounts.Adjustment::description).toList(),
                adjustments.stream().map(CheckoutDiscounts.Adjustment::amountMinor).toList(),
                adjustments.stream().map(CheckoutDiscounts.Adjustment::freeShipping).toList()));
    }

    private static Refusal refusal(CheckoutDiscounts.Adjustment a, String couponCode, String promotionCode, String what) {
        String name = a.code() != null ? "Coupon " + a.code() : "Promotion '" + a.description() + "'";
        String resultCode = a.code() != null ? couponCode : promotionCode;
        return new Refusal(UserError.of(resultCode, name + " " + what + "; review the cart and try again", "input", "cartId"));
    }

    /** The discounts frozen on each order. */
    public Uni<List<List<AppliedDiscount>>> discountsOf(List<Order> orders) {
        return Batch.many(orders, Order::key, keys -> repository.discountsByOrder(keys).map(byOrder -> {
            Map<Long, List<AppliedDiscount>> result = new HashMap<>();
            byOrder.forEach((k, rows) -> result.put(k, rows.stream().map(r -> new AppliedDiscount(DiscountKind.valueOf(r.kind()), r.code(), r.description(),
                    Money.ofMinor(r.amountMinor(), currency), r.freeShipping())).toList()));
            return result;
        }), List.of());
    }

    // =========================================================================================================
    // Coupons on carts
    // =========================================================================================================

    /** Applies a coupon to a cart if it applies now; otherwise a user error with its own code and the cart unchanged. */
    public Uni<CartPayload> applyCoupon(Caller caller, String cartToken, PromotionInputs.CouponApply input) {
        String code = normalizeCode(input.code());
        return carts.cart(caller, cartToken, input.cartId()).chain(cart -> {
            if (code == null) {
                return Uni.createFrom().item(failed(UserError.of("COUPON_UNKNOWN", "No coupon with this code", "input", "code")));
            }
            Basket basket = basket(cart);
            Basket withCoupon = new Basket(basket.customerId(), code, basket.lines());
            return evaluate(List.of(withCoupon), caller.channel().name(), true).chain(results -> {
                UserError problem = results.get(0).couponProblem();
                if (problem == null && basket.lines().isEmpty()) {
                    problem = UserError.of("COUPON_NOT_APPLICABLE", "Add items to the cart before applying a coupon", "input", "code");
                }
                if (problem != null) {
                    return Uni.createFrom().item(failed(problem));
                }
                return carts.setCoupon(caller, cartToken, input.cartId(), code, input.expectedVersion());
            });
        });
    }

    public Uni<CartPayload> removeCoupon(Caller caller, String cartToken, PromotionInputs.CouponRemove input) {
        return carts.setCoupon(caller, cartToken, input.cartId(), null, input.expectedVersion());
    }

    private static CartPayload failed(UserError error) {
        return new CartPayload(null, null, List.of(error));
    }

    static String normalizeCode(String code) {
        if (code == null) {
            return null;
        }
        String normalized = code.strip().toUpperCase(Locale.ROOT);
        return CODE.matcher(normalized).matches() ? normalized : null;
    }
}
