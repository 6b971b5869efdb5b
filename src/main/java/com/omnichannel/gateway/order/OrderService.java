package com.omnichannel.gateway.order;

import com.omnichannel.gateway.checkout.CheckoutDiscounts;
import com.omnichannel.gateway.checkout.CheckoutParticipant;
import com.omnichannel.gateway.checkout.CheckoutPayload;
import com.omnichannel.gateway.checkout.CheckoutPricing;
import com.omnichannel.gateway.checkout.CheckoutRefusal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.catalog.CatalogConfig;
import com.omnichannel.gateway.cart.CartService;
import com.omnichannel.gateway.cart.CheckoutCart;
import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.catalog.CatalogService;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.platform.db.Batch;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.paging.Page;
import com.omnichannel.gateway.platform.ratelimit.RateLimiter;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Role;
import com.omnichannel.gateway.platform.security.Secrets;
import com.omnichannel.gateway.customer.CustomerActivity;
import com.omnichannel.gateway.customer.CustomerErasures;
import com.omnichannel.gateway.customer.CustomerEventKind;
import com.omnichannel.gateway.inventory.InventoryService;
import com.omnichannel.gateway.inventory.InventoryService.OrderStock;
import com.omnichannel.gateway.order.OrderPayloads.OrderPayload;
import com.omnichannel.gateway.order.OrderPayloads.ShipmentPayload;
import com.omnichannel.gateway.order.OrderRepository.LineRow;
import com.omnichannel.gateway.order.OrderRepository.NewLine;
import com.omnichannel.gateway.order.OrderRepository.NewOrder;
import com.omnichannel.gateway.order.OrderRepository.OrderRow;
import com.omnichannel.gateway.order.OrderRepository.ShipmentLineRow;
import com.omnichannel.gateway.order.OrderRepository.ShipmentRow;
import com.omnichannel.gateway.checkout.allocation.AllocationStrategy;
import com.omnichannel.gateway.checkout.payment.PaymentProvider;
import com.omnichannel.gateway.checkout.payment.PaymentRequest;
import com.omnichannel.gateway.checkout.payment.PaymentResult;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;

/**
 * Orders: checkout (idempotent, all-or-nothing stock reservation, payment), the order lifecycle, shipments
 * (split and merge) and who may see and change what.
 */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[\\x21-\\x7e]{8,128}$");
    private static final Pattern POSTAL_CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 -]{1,10}$");
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
    private static final Pattern TRACKING = Pattern.compile("^[A-Za-z0-9-]{4,40}$");
    private static final int MAX_FIELD = 100;
    private static final int MAX_NOTE = 500;
    /** Who an erased customer's actions are attributed to in timelines and ledgers. */
    public static final String ERASED_ACTOR = "erased-customer";

    private final OrderRepository repository;
    private final OrderEvents events;
    private final CheckoutPricing pricing;
    private final CartService carts;
    private final CatalogService catalog;
    private final InventoryService inventory;
    private final StoreService stores;
    private final AllocationStrategy allocation;
    private final CheckoutDiscounts discounts;
    private final CustomerActivity activity;
    private final RateLimiter limiter;
    private final RateLimiter.Limit checkoutsPerShopper;
    private final RateLimiter.Limit checkoutsPerAddress;
    private final CustomerErasures erasures;
    private final List<CheckoutParticipant> participants;
    private final List<OrderStatusListener> statusListeners;
    private final Map<PaymentMethod, PaymentProvider> providers = new HashMap<>();
    private final Db db;
    private final String currency;

    public OrderService(OrderRepository repository, OrderEvents events, CheckoutPricing pricing, CartService carts,
            CatalogService catalog, InventoryService inventory, StoreService stores, AllocationStrategy allocation,
            CheckoutDiscounts discounts, CustomerActivity activity, CustomerErasures erasures, Instance<PaymentProvider> paymentProviders,
            Instance<CheckoutParticipant> participants, Instance<OrderStatusListener> statusListeners, RateLimiter limiter, Db db,
            CatalogConfig catalogConfig) {
        this.repository = repository;
        this.events = events;
        this.pricing = pricing;
        this.carts = carts;
        this.catalog = catalog;
        this.inventory = inventory;
        this.stores = stores;
        this.allocation = allocation;
        this.discounts = discounts;
        this.activity = activity;
        this.limiter = limiter;
        this.checkoutsPerShopper = limiter.limit("checkout-attempts", 20, Duration.ofMinutes(10));
        this.checkoutsPerAddress = limiter.limit("checkout-attempts-per-address", 300, Duration.ofMinutes(10));
        this.erasures = erasures;
        this.participants = participants.stream().toList();
        this.statusListeners = statusListeners.stream().toList();
        paymentProviders.forEach(p -> providers.put(p.method(), p));
        this.db = db;
        this.currency = catalogConfig.currency();
    }

    // =========================================================================================================
    // Checkout
    // =========================================================================================================

    /** What checkout settled before its transaction: the cart, frozen lines, totals, payment. */
    private record Prepared(CheckoutCart cart, List<ProductVariant> variants, Map<Long, String> productNames,
            CheckoutPricing.Totals totals, Location pickupStore, OrderAddress address, String email,
            CheckoutDiscounts.Applied discounts) {
    }

    /** Thrown inside the order transaction to roll it back; turned into a result afterwards. */
    private static final class Rollback extends RuntimeException {
        private final CheckoutPayload payload;

        Rollback(CheckoutPayload payload) {
            super(null, null, false, false);
            this.payload = payload;
        }
    }

    /**
     * Places an order, counting the attempt first: per signed-in customer (or, for guests, per cart) and per client
     * address, so neither one shopper nor one address can hammer checkout (e.g. to probe card numbers).
     */
    public Uni<CheckoutPayload> checkout(Caller caller, String cartToken, String clientAddressKey, OrderInputs.CheckoutComplete input) {
        String shopper = customerId(caller) != null ? "sub:" + caller.subject() : "cart:" + input.cartId();
        return Uni.join().all(limiter.enforce(checkoutsPerShopper, shopper), limiter.enforce(checkoutsPerAddress, clientAddressKey))
                .andFailFast()
                .chain(() -> checkout(caller, cartToken, input));
    }

    private Uni<CheckoutPayload> checkout(Caller caller, String cartToken, OrderInputs.CheckoutComplete input) {
        UserError invalid = validateCheckout(caller, input);
        if (invalid != null) {
            return Uni.createFrom().item(CheckoutPayload.failed(invalid));
        }
        PaymentProvider provider = providers.get(input.payment().method());
        PaymentRequest.Card card = input.payment().card() == null ? null
                : new PaymentRequest.Card(input.payment().card().number(), input.payment().card().expiryMonth(),
                        input.payment().card().expiryYear(), input.payment().card().cvc());
        String key = input.idempotencyKey().strip();
        String requestHash = requestHash(caller, input);
        // A retry of a checkout that succeeded finds its order by key, even though the cart is gone by now. A customer
        // who erased their account may still hold an access token: it places no order.
        return erasures.requireNotErased(caller).chain(() -> repository.findByIdempotencyKey(key)).chain(existing -> {
            if (existing != null) {
                return replay(existing, requestHash);
            }
            return prepare(caller, cartToken, input).chain(prepared -> {
                if (prepared instanceof CheckoutPayload failed) {
                    // The cart may be gone because a concurrent retry with this key has just turned it into the order.
                    return isCode(failed, "CART_NOT_FOUND")
                            ? repository.findByIdempotencyKey(key).chain(order -> order == null
                                    ? Uni.createFrom().item(failed) : replay(order, requestHash))
                            : Uni.createFrom().item(failed);
                }
                Prepared p = (Prepared) prepared;
                PaymentRequest request = new PaymentRequest(key, p.totals().totalMinor(), currency, input.fulfilment().type(), card);
                PaymentProvider.PaymentProblem problem = provider.validate(request);
                if (problem != null) {
                    return Uni.createFrom().item(CheckoutPayload.failed(UserError.of(problem.code(), problem.message(),
                            fieldPath("input", "payment", problem.field()))));
                }
                return provider.authorize(request).chain(payment -> {
                    if (!payment.approved()) {
                        return Uni.createFrom().item(CheckoutPayload.failed(UserError.of("PAYMENT_DECLINED",
                                "The payment was declined (" + payment.declineCode() + ")", "input", "payment")));
                    }
                    return placeOrder(caller, input, key, requestHash, p, payment)
                            // The key taken, or stock short: either may come from a concurrent request with this key that has
                            // just placed the order (and taken that stock), and is then answered as a retry would be.
                            .onFailure(Rollback.class).recoverWithUni(failure -> voidedThenReplayed(provider, payment, key,
                                    requestHash, ((Rollback) failure).payload))
                            .onFailure(CheckoutRefusal.class).recoverWithUni(failure -> provider
                                    .voidAuthorization(payment.reference())
                                    .replaceWith(CheckoutPayload.failed(((CheckoutRefusal) failure).error())))
                            // Racing an identical request, the insert can meet the other order's cart version before its key.
                            .onFailure(OrderService::isCartAlreadyOrdered).recoverWithUni(failure -> voidedThenReplayed(provider,
                                    payment, key, requestHash, CheckoutPayload.failed(UserError.of("CART_ALREADY_CHECKED_OUT",
                                            "This cart has just become an order", "input", "cartId"))))
                            .onFailure(failure -> !(failure instanceof ApiException)).invoke(failure -> provider
                                    .voidAuthorization(payment.reference()).subscribe().with(ok -> {
                                    }, e -> LOG.warnf(e, "Cannot void payment %s", payment.reference())));
                });
            });
        });
    }

    /**
     * After a checkout that placed nothing: voids its authorization and answers as a retry would be answered when an
     * order with this key exists (a concurrent request placed it), otherwise with {@code otherwise}.
     */
    private Uni<CheckoutPayload> voidedThenReplayed(PaymentProvider provider, PaymentResult payment, String key, String requestHash,
            CheckoutPayload otherwise) {
        return provider.voidAuthorization(payment.reference())
                .chain(() -> repository.findByIdempotencyKey(key))
                .chain(winner -> winner == null ? Uni.createFrom().item(otherwise) : replay(winner, requestHash));
    }

    private static boolean isCode(CheckoutPayload payload, String code) {
        return payload.userErrors().stream().anyMatch(e -> e.code().equals(code));
    }

    private Uni<CheckoutPayload> replay(OrderRow existing, String requestHash) {
        if (!existing.requestHash().equals(requestHash)) {
            return Uni.createFrom().item(CheckoutPayload.failed(UserError.of("IDEMPOTENCY_KEY_REUSED",
                    "This idempotency key was used for a different checkout; use a new key for a new checkout", "input", "idempotencyKey")));
        }
        return toOrders(List.of(existing)).map(orders -> CheckoutPayload.of(orders.get(0)));
    }

    private UserError validateCheckout(Caller caller, OrderInputs.CheckoutComplete input) {
        if (input.idempotencyKey() == null || !IDEMPOTENCY_KEY.matcher(input.idempotencyKey().strip()).matches()) {
            return UserError.of("INVALID_IDEMPOTENCY_KEY", "The idempotency key must be 8 to 128 visible ASCII characters (a UUID is ideal)",
                    "input", "idempotencyKey");
        }
        if (customerId(caller) == null && (input.email() == null || input.email().isBlank())) {
            return UserError.of("EMAIL_REQUIRED", "Guests must give an email address", "input", "email");
        }
        if (input.email() != null && !input.email().isBlank()
                && (input.email().strip().length() > 254 || !EMAIL.matcher(input.email().strip()).matches())) {
            return UserError.of("INVALID_EMAIL", "This is not a valid email address", "input", "email");
        }
        OrderInputs.CheckoutFulfilment fulfilment = input.fulfilment();
        if (fulfilment.type() == FulfilmentType.SHIP) {
            if (fulfilment.address() == null) {
                return UserError.of("ADDRESS_REQUIRED", "Shipping needs a delivery address", "input", "fulfilment", "address");
            }
            UserError address = validateAddress(fulfilment.address());
            if (address != null) {
                return address;
            }
        } else if (fulfilment.storeId() == null || GlobalId.tryDecode(Location.TYPE, fulfilment.storeId()) == null) {
            return UserError.of("INVALID_PICKUP_STORE", "Pickup and curbside need a store", "input", "fulfilment", "storeId");
        }
        if (fulfilment.curbsideNote() != null && fulfilment.curbsideNote().length() > MAX_NOTE) {
            return UserError.of("INVALID_NOTE", "The curbside note can have at most " + MAX_NOTE + " characters", "input", "fulfilment", "curbsideNote");
        }
        if (!providers.containsKey(input.payment().method())) {
            return UserError.of("PAYMENT_METHOD_UNAVAILABLE", "This payment method is not available", "input", "payment", "method");
        }
        return null;
    }

    private UserError validateAddress(OrderInputs.ShippingAddress a) {
        String[][] required = { { "firstName", a.firstName() }, { "lastName", a.lastName() }, { "line1", a.line1() },
                { "city", a.city() }, { "postalCode", a.postalCode() }, { "countryCode", a.countryCode() } };
        for (String[] field : required) {
            if (field[1] == null || field[1].isBlank()) {
                return UserError.of("INVALID_ADDRESS", "The address needs " + field[0], "input", "fulfilment", "address", field[0]);
            }
        }
        String[][] optional = { { "line2", a.line2() }, { "region", a.region() }, { "phone", a.phone() } };
        for (String[][] group : new String[][][] { required, optional }) {
            for (String[] field : group) {
                if (field[1] != null && field[1].length() > MAX_FIELD) {
                    return UserError.of("INVALID_ADDRESS", field[0] + " can have at most " + MAX_FIELD + " characters",
                            "input", "fulfilment", "address", field[0]);
                }
            }
        }
        if (!POSTAL_CODE.matcher(a.postalCode().strip()).matches()) {
            return UserError.of("INVALID_ADDRESS", "This is not a valid postal code", "input", "fulfilment", "address", "postalCode");
        }
        if (!COUNTRY.matcher(a.countryCode()).matches()) {
            return UserError.of("INVALID_ADDRESS", "The country must be an ISO 3166-1 alpha-2 code such as DE", "input",
                    "fulfilment", "address", "countryCode");
        }
        if (!pricing.shipsTo(a.countryCode())) {
            return UserError.of("SHIPPING_UNAVAILABLE", "We do not ship to " + a.countryCode(), "input", "fulfilment", "address", "countryCode");
        }
        return null;
    }

    /** Reads the cart and the catalog and prices the order; returns Prepared or a failed CheckoutPayload. */
    private Uni<Object> prepare(Caller caller, String cartToken, OrderInputs.CheckoutComplete input) {
        OrderInputs.CheckoutFulfilment fulfilment = input.fulfilment();
        Long storeKey = fulfilment.type() == FulfilmentType.SHIP ? null : GlobalId.tryDecode(Location.TYPE, fulfilment.storeId());
        Uni<Location> store = storeKey == null ? Uni.createFrom().nullItem() : stores.findStore(storeKey);
        return Uni.combine().all().unis(carts.checkoutCart(caller, cartToken, input.cartId()), store).asTuple().chain(t -> {
            CheckoutCart cart = t.getItem1();
            Location pickup = t.getItem2();
            if (cart == null) {
                return Uni.createFrom().item(CheckoutPayload.failed(UserError.of("CART_NOT_FOUND",
                        "No cart with this id: it may have expired or already become an order", "input", "cartId")));
            }
            if (cart.lines().isEmpty()) {
                return Uni.createFrom().item(CheckoutPayload.failed(UserError.of("CART_EMPTY", "The cart is empty", "input", "cartId")));
            }
            if (storeKey != null && pickup == null) {
                return Uni.createFrom().item(CheckoutPayload.failed(UserError.of("INVALID_PICKUP_STORE", "No store with this id",
                        "input", "fulfilment", "storeId")));
            }
            Set<Long> keys = new LinkedHashSet<>();
            cart.lines().forEach(l -> keys.add(l.variantKey()));
            return catalog.orderableVariants(keys).chain(variants -> {
                List<ProductVariant> ordered = new ArrayList<>();
                Map<Long, String> productNames = new HashMap<>();
                for (CheckoutCart.Line line : cart.lines()) {
                    CatalogService.OrderableVariant orderable = variants.get(line.variantKey());
                    if (orderable == null || !orderable.variant().active()) {
                        return Uni.createFrom().item((Object) CheckoutPayload.failed(UserError.of("VARIANT_UNAVAILABLE",
                                "A cart line is no longer sold (line " + line.lineId() + "); remove it and try again", "input", "cartId")));
                    }
                    ordered.add(orderable.variant());
                    productNames.put(orderable.variant().key(), orderable.productName());
                }
                List<CheckoutDiscounts.Line> discountLines = new ArrayList<>();
                for (int i = 0; i < ordered.size(); i++) {
                    discountLines.add(new CheckoutDiscounts.Line(ordered.get(i).key(), ordered.get(i).productKey(),
                            cart.lines().get(i).quantity(), ordered.get(i).price().minorUnits()));
                }
                // Coupon and points reach the promotions hook, which may refuse them (CheckoutRefusal, below).
                return discounts.apply(new CheckoutDiscounts.Context(cart.id(), cart.customerId(), caller.channel().name(), discountLines,
                        cart.couponCode(), input.loyaltyPoints()))
                        .map(applied -> {
                            List<CheckoutPricing.PricedLine> priced = new ArrayList<>();
                            for (int i = 0; i < ordered.size(); i++) {
                                priced.add(new CheckoutPricing.PricedLine(ordered.get(i).price().minorUnits(),
                                        cart.lines().get(i).quantity(), applied.lineDiscountsMinor().get(i)));
                            }
                            OrderInputs.ShippingAddress a = fulfilment.address();
                            String country = pickup != null ? pickup.address().countryCode() : a.countryCode();
                            String region = pickup != null ? pickup.address().region() : a.region();
                            CheckoutPricing.Totals totals = pricing.price(priced, fulfilment.type(), country, region,
                                    applied.freeShipping(), Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0));
                            OrderAddress address = a == null ? null : new OrderAddress(a.firstName().strip(), a.lastName().strip(),
                                    a.line1().strip(), blankToNull(a.line2()), a.city().strip(), a.postalCode().strip(),
                                    blankToNull(a.region()), a.countryCode(), blankToNull(a.phone()));
                            return (Object) new Prepared(cart, ordered, productNames, totals, pickup, address, emailOf(input), applied);
                        })
                        .onFailure(CheckoutRefusal.class)
                        .recoverWithItem(failure -> CheckoutPayload.failed(((CheckoutRefusal) failure).error()));
            });
        });
    }

    /**
     * Places the order from the stock as last seen, without locking levels it does not take: the plan is reserved
     * only where the levels still have the units, which the database checks on each row as it changes it. When they
     * no longer do (another order took them, or the levels seen were out of date), that transaction rolls back and
     * the order is placed from locked levels instead, which also gives the exact shortage.
     */
    private Uni<CheckoutPayload> placeOrder(Caller caller, OrderInputs.CheckoutComplete input, String key, String requestHash,
            Prepared p, PaymentResult payment) {
        Long pickupKey = p.pickupStore() == null ? null : p.pickupStore().key();
        return inventory.supply(variantKeys(p.cart()), pickupKey).chain(seen -> {
            AllocationStrategy.Plan plan = allocate(p.cart(), seen, input.fulfilment().type(), pickupKey);
            // Levels are locked in one global order. The rows checkout participants lock (points being redeemed, a
            // promotion with a usage limit) are locked before the levels from the stock as last seen, and after them
            // from locked levels, so two such checkouts can deadlock over one of them. PostgreSQL then fails one, and
            // that one is placed (again) from locked levels rather than the shopper seeing an error.
            Uni<CheckoutPayload> fromLockedLevels = Uni.createFrom()
                    .deferred(() -> placeOrder(caller, input, key, requestHash, p, payment, null))
                    .onFailure(OrderService::isDeadlock).retry().atMost(2);
            if (!plan.complete()) {
                return fromLockedLevels;
            }
            return placeOrder(caller, input, key, requestHash, p, payment, plan)
                    .onFailure(failure -> failure instanceof InventoryService.StockChanged || isDeadlock(failure))
                    .recoverWithUni(() -> fromLockedLevels);
        });
    }

    /**
     * The order transaction: the order with its lines and shipments (unless its idempotency key is taken), its stock
     * reserved, and the checkout participants' part. With a plan made from the stock as last seen, the participants
     * come first and the reservation last, committing the transaction, where the levels still have the units (else
     * StockChanged); without one, the variants' levels are locked and allocated first.
     */
    private Uni<CheckoutPayload> placeOrder(Caller caller, OrderInputs.CheckoutComplete input, String key, String requestHash,
            Prepared p, PaymentResult payment, AllocationStrategy.Plan seenPlan) {
        CheckoutCart cart = p.cart();
        FulfilmentType type = input.fulfilment().type();
        Long pickupKey = p.pickupStore() == null ? null : p.pickupStore().key();
        NewOrder header = new NewOrder(customerId(caller), p.email(), caller.channel(), cart.channels(), cart.id(), cart.version(),
                type, pickupKey, p.address() == null ? null : p.address().toJson(), blankToNull(input.fulfilment().curbsideNote()),
                currency, p.totals().pricesIncludeTax(), p.totals().subtotalMinor(), p.totals().discountMinor(),
                p.totals().shippingMinor(), p.totals().taxMinor(), p.totals().totalMinor(), input.payment().method(),
                payment.status(), payment.reference(), payment.cardLast4(), key, requestHash);

        return db.inTransaction(tx -> {
            Uni<AllocationStrategy.Plan> planned = seenPlan != null ? Uni.createFrom().item(seenPlan)
                    : inventory.lockSupply(tx, variantKeys(cart), pickupKey).map(supply -> allocate(cart, supply, type, pickupKey));
            return planned.chain(plan -> {
                if (!plan.complete()) {
                    throw new Rollback(shortage(cart, p.variants(), plan));
                }
                List<NewLine> lines = new ArrayList<>();
                for (int i = 0; i < cart.lines().size(); i++) {
                    CheckoutCart.Line line = cart.lines().get(i);
                    ProductVariant variant = p.variants().get(i);
                    String productName = p.productNames().get(variant.key());
                    CheckoutPricing.LineTotals totals = p.totals().lines().get(i);
                    lines.add(new NewLine(i, variant.key(), variant.sku(), productName == null ? variant.title() : productName,
                            variant.title(), line.quantity(), variant.price().minorUnits(), totals.discountMinor(),
                            totals.taxMinor(), totals.totalMinor(), line.channel()));
                }
                List<Long> locations = new ArrayList<>(new LinkedHashSet<>(plan.allocations().stream()
                        .map(AllocationStrategy.Allocation::locationKey).toList()));
                Map<Long, Integer> positionByVariant = new HashMap<>();
                for (int i = 0; i < cart.lines().size(); i++) {
                    positionByVariant.put(cart.lines().get(i).variantKey(), i);
                }
                List<OrderRepository.NewAllocation> allocations = plan.allocations().stream()
                        .map(a -> new OrderRepository.NewAllocation(a.locationKey(), positionByVariant.get(a.variantKey()), a.quantity()))
                        .toList();
                List<OrderStock> reservations = plan.allocations().stream()
                        .map(a -> new OrderStock(a.variantKey(), a.locationKey(), a.quantity())).toList();
                return repository.insertOrder(tx, header, lines, locations, allocations, caller.actor(), caller.channel(),
                        "Placed through " + caller.channel()).chain(inserted -> {
                            if (inserted == null) {
                                // Taken by a concurrent request whose transaction then rolled back, if no order has it.
                                throw new Rollback(CheckoutPayload.failed(UserError.of("CHECKOUT_CONFLICT",
                                        "Another checkout with this key did not complete; try again", "input", "idempotencyKey")));
                            }
                            OrderRow order = inserted.order();
                            Uni<Void> participated = participate(tx, caller, input, order, p, lines, inserted.contents().lineIds());
                            // From the stock as last seen, the reservation comes last and commits: the levels, which
                            // concurrent checkouts of the same variants wait for, are locked only from there to the commit.
                            Uni<Void> reservedAndParticipated = seenPlan != null
                                    ? participated.chain(() -> inventory.reserveWhereAvailableThenCommit(tx, reservations, caller.actor(),
                                            caller.channel(), order.number()))
                                    : inventory.reserve(tx, reservations, caller.actor(), caller.channel(), order.number())
                                            .chain(() -> participated);
                            return reservedAndParticipated.replaceWith(new PlacedRows(order, lines, inserted.contents()));
                        });
            });
        }).chain(placed -> Uni.join().all(
                carts.checkedOut(cart.id()).onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "Order %s placed but its cart %s could not be removed", placed.order().number(), cart.id());
                    return null;
                }),
                events.publish(placed.order().id(), OrderStatus.PLACED)).andCollectFailures()
                .invoke(() -> activity.recordFor(caller, CustomerEventKind.ORDER_PLACED, placed.order().number()))
                .chain(() -> asWritten(placed))
                .map(CheckoutPayload::of));
    }

    /** A new order's rows as its transaction wrote them. */
    private record PlacedRows(OrderRow order, List<NewLine> lines, OrderRepository.WrittenContents contents) {
    }

    /** The order the checkout answers with, its lines and shipments taken from what it wrote rather than read back. */
    private Uni<Order> asWritten(PlacedRows placed) {
        OrderRow o = placed.order();
        List<OrderLine> lines = new ArrayList<>();
        for (NewLine l : placed.lines()) {
            lines.add(line(new LineRow(placed.contents().lineIds().get(l.position()), o.id(), l.position(), l.variantId(), l.sku(),
                    l.productName(), l.variantTitle(), l.quantity(), l.unitPrice(), l.discount(), l.tax(), l.total(), l.channel())));
        }
        // Shipments are created with the order, in the same transaction, so they share its timestamps.
        List<ShipmentRow> shipments = placed.contents().shipmentByLocation().entrySet().stream()
                .map(e -> new ShipmentRow(e.getValue(), e.getKey(), o.fulfilmentType(), ShipmentStatus.PENDING, null, null,
                        o.placedAt(), o.placedAt()))
                .sorted(Comparator.comparingLong(ShipmentRow::id)).toList();
        return withLocations(Map.of(o.id(), shipments)).chain(byOrder -> toOrders(List.of(o),
                row -> new Order.Written(lines, byOrder.getOrDefault(o.id(), List.of())))).map(orders -> orders.get(0));
    }

    private AllocationStrategy.Plan allocate(CheckoutCart cart, List<InventoryService.Supply> supply, FulfilmentType type, Long pickupKey) {
        List<AllocationStrategy.Demand> demand = cart.lines().stream()
                .map(l -> new AllocationStrategy.Demand(l.variantKey(), l.quantity())).toList();
        return allocation.allocate(demand, supply.stream().map(OrderService::supply).toList(), type, pickupKey);
    }

    private static Set<Long> variantKeys(CheckoutCart cart) {
        Set<Long> keys = new LinkedHashSet<>();
        cart.lines().forEach(l -> keys.add(l.variantKey()));
        return keys;
    }

    /** Lets every {@link CheckoutParticipant} act inside the order transaction, one after another. */
    private Uni<Void> participate(Db.Tx tx, Caller caller, OrderInputs.CheckoutComplete input, OrderRow order, Prepared p,
            List<NewLine> lines, List<Long> lineIds) {
        if (participants.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<CheckoutParticipant.PlacedLine> placed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            NewLine l = lines.get(i);
            placed.add(new CheckoutParticipant.PlacedLine(lineIds.get(i), l.variantId(), p.variants().get(i).productKey(), l.quantity(),
                    l.unitPrice(), l.discount(), l.total()));
        }
        CheckoutParticipant.PlacedOrder placedOrder = new CheckoutParticipant.PlacedOrder(order.id(), order.number(), order.customerId(),
                order.email(), order.fulfilmentType(), order.currency(), order.subtotal(), order.discount(), order.total(), placed, input,
                p.discounts());
        return chainAll(participants.stream().map(participant -> participant.orderPlaced(tx, caller, placedOrder)).toList());
    }

    private static AllocationStrategy.Supply supply(InventoryService.Supply s) {
        return new AllocationStrategy.Supply(s.variantKey(), s.locationKey(), s.warehouse(), s.priority(), s.available());
    }

    private static CheckoutPayload shortage(CheckoutCart cart, List<ProductVariant> variants, AllocationStrategy.Plan plan) {
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
        return new CheckoutPayload(null, shortages, errors);
    }

    private static boolean isDeadlock(Throwable t) {
        return t instanceof PgException pg && "40P01".equals(pg.getSqlState());
    }

    private static boolean isCartAlreadyOrdered(Throwable t) {
        return t instanceof PgException pg && "23505".equals(pg.getSqlState()) && pg.getConstraint() != null
                && pg.getConstraint().equals("order_cart_version_unique");
    }

    private String requestHash(Caller caller, OrderInputs.CheckoutComplete input) {
        JsonObject canonical = new JsonObject()
                .put("caller", caller.subject())
                .put("cartId", input.cartId())
                .put("email", input.email() == null ? null : input.email().strip().toLowerCase(Locale.ROOT))
                .put("type", input.fulfilment().type().name())
                .put("storeId", input.fulfilment().storeId())
                .put("address", input.fulfilment().address() == null ? null : JsonObject.mapFrom(input.fulfilment().address()))
                .put("curbsideNote", input.fulfilment().curbsideNote())
                .put("method", input.payment().method().name())
                .put("card", input.payment().card() == null ? null : sha256(input.payment().card().number().replaceAll("[\\s-]", "")
                        + "|" + input.payment().card().expiryMonth() + "/" + input.payment().card().expiryYear()));
        if (input.loyaltyPoints() != null) {
            // Only when given, so the hashes of orders placed without points stay as they were.
            canonical.put("loyaltyPoints", input.loyaltyPoints());
        }
        return sha256(canonical.encode());
    }

    // =========================================================================================================
    // Reads
    // =========================================================================================================

    public Uni<Order> order(Caller caller, String id, String number) {
        if ((id == null) == (number == null)) {
            throw ApiException.badUserInput("Give exactly one of 'id' or 'number'");
        }
        if (!caller.isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        Uni<OrderRow> row;
        if (id != null) {
            Long key = GlobalId.tryDecode(Order.TYPE, id);
            row = key == null ? Uni.createFrom().nullItem() : repository.findById(key);
        } else {
            row = number.length() > 40 ? Uni.createFrom().nullItem() : repository.findByNumber(number.strip());
        }
        // Someone else's order reads as no order: its existence is not disclosed.
        return row.chain(r -> r == null || !mayRead(caller, r) ? Uni.createFrom().nullItem() : single(r));
    }

    /** A guest's order by number and the email it was placed with; null unless both match. */
    public Uni<Order> lookup(String number, String email) {
        if (number == null || email == null || number.length() > 40 || email.length() > 254) {
            return Uni.createFrom().nullItem();
        }
        return repository.findByNumber(number.strip()).chain(r -> r == null || r.email() == null
                || !r.email().equalsIgnoreCase(email.strip()) ? Uni.createFrom().nullItem() : single(r));
    }

    public Uni<OrderConnection> myOrders(Caller caller, Integer first, String after) {
        String customerId = customerId(caller);
        if (customerId == null) {
            throw caller.isAuthenticated() ? ApiException.forbidden() : ApiException.unauthenticated();
        }
        PageRequest page = PageRequest.of(first, after, "myOrders");
        return repository.customerOrders(customerId, page.fetchSize(), page.offset()).chain(this::toOrders)
                .map(orders -> Page.connection(orders, page, OrderConnection.Edge::new, OrderConnection::new));
    }

    public Uni<OrderConnection> orders(Caller caller, OrderInputs.Filter filter, Integer first, String after) {
        caller.requireStaff();
        OrderInputs.Filter f = filter == null ? new OrderInputs.Filter(null, null, null, null, null, null, null) : filter;
        Long locationKey = null;
        if (f.locationId() != null) {
            locationKey = GlobalId.tryDecode(Location.TYPE, f.locationId());
            if (locationKey == null) {
                throw ApiException.badUserInput("Argument 'filter.locationId' is not a location id");
            }
        }
        PageRequest page = PageRequest.of(first, after, "orders:" + sha256(JsonObject.mapFrom(f).encode()).substring(0, 16));
        return repository.search(f.channel(), f.status(), locationKey, f.placedFrom(), f.placedTo(), f.customerId(), f.email(),
                page.fetchSize(), page.offset()).chain(this::toOrders)
                .map(orders -> Page.connection(orders, page, OrderConnection.Edge::new, OrderConnection::new));
    }

    /** Status changes of an order, for its owner or staff. */
    public Multi<Order> statusChanges(Caller caller, String orderId) {
        Long key = GlobalId.tryDecode(Order.TYPE, orderId);
        if (key == null) {
            throw ApiException.badUserInput("Argument 'orderId' is not an order id");
        }
        if (!caller.isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        return Multi.createFrom().uni(repository.findById(key).invoke(row -> {
            if (row == null || !mayRead(caller, row)) {
                throw ApiException.notFound("No order with this id");
            }
        })).onItem().transformToMultiAndConcatenate(allowed -> events.of(key))
                .onItem().transformToUniAndConcatenate(change -> repository.findById(key))
                .filter(row -> row != null)
                .onItem().transformToUniAndConcatenate(this::single);
    }

    /**
     * One page of orders from every channel, newest first, of each of these customers (in their order), for whoever
     * may see those customers (the customer themselves, or staff: the caller reached them through a checked path).
     */
    public Uni<List<OrderConnection>> ordersOfCustomers(List<String> customerIds, PageRequest page) {
        Set<String> ids = new LinkedHashSet<>(customerIds);
        return repository.customersOrders(ids, page.fetchSize(), page.offset()).chain(byCustomer -> {
            List<OrderRow> all = new ArrayList<>();
            byCustomer.values().forEach(all::addAll);
            return toOrders(all).map(orders -> {
                Map<Long, Order> byKey = new HashMap<>();
                orders.forEach(o -> byKey.put(o.key(), o));
                return customerIds.stream().map(id -> Page.connection(byCustomer.getOrDefault(id, List.of()).stream()
                        .map(r -> byKey.get(r.id())).toList(), page, OrderConnection.Edge::new, OrderConnection::new)).toList();
            });
        });
    }

    /** A customer's orders with lines and timelines as a JSON array, for their data export. */
    public Uni<String> exportForCustomer(String customerId) {
        return repository.exportCustomerOrders(customerId);
    }

    /**
     * Erasure of a customer, inside the erasure transaction: orders keep their accounting figures and lose the
     * personal fields; timelines and the stock ledger stop naming the customer.
     */
    public Uni<Void> anonymizeCustomer(Db.Tx tx, String customerId) {
        return repository.anonymizeCustomer(tx, customerId, ERASED_ACTOR)
                .chain(() -> inventory.anonymizeActor(tx, customerId, ERASED_ACTOR));
    }

    // ---- batch resolvers

    public Uni<List<List<OrderLine>>> linesOf(List<Order> orders) {
        return childrenOf(orders, Order.Written::lines, keys -> repository.linesByOrder(keys).map(byOrder -> {
            Map<Long, List<OrderLine>> result = new HashMap<>();
            byOrder.forEach((k, rows) -> result.put(k, rows.stream().map(this::line).toList()));
            return result;
        }));
    }

    public Uni<List<List<Shipment>>> shipmentsOf(List<Order> orders) {
        return childrenOf(orders, Order.Written::shipments, keys -> repository.shipmentsByOrder(keys).chain(this::withLocations));
    }

    /** Children of the orders in their order: as written for orders placed by this request, the others loaded in one batch. */
    private static <C> Uni<List<List<C>>> childrenOf(List<Order> orders, Function<Order.Written, List<C>> written,
            Function<Set<Long>, Uni<Map<Long, List<C>>>> load) {
        List<Order> stored = orders.stream().filter(o -> o.written() == null).toList();
        if (stored.size() == orders.size()) {
            return Batch.many(orders, Order::key, load, List.of());
        }
        return Batch.many(stored, Order::key, load, List.<C>of()).map(loaded -> {
            List<List<C>> result = new ArrayList<>(orders.size());
            int next = 0;
            for (Order o : orders) {
                result.add(o.written() != null ? written.apply(o.written()) : loaded.get(next++));
            }
            return result;
        });
    }

    public Uni<List<List<ShipmentLine>>> shipmentLinesOf(List<Shipment> shipments) {
        return Batch.many(shipments, Shipment::key, keys -> repository.linesByShipment(keys).map(byShipment -> {
            Map<Long, List<ShipmentLine>> result = new HashMap<>();
            byShipment.forEach((k, rows) -> result.put(k, rows.stream()
                    .map(r -> new ShipmentLine(r.orderNumber(), line(r.line()), r.quantity())).toList()));
            return result;
        }), List.of());
    }

    public Uni<List<List<OrderTimelineEvent>>> timelineOf(List<Order> orders) {
        return Batch.many(orders, Order::key, keys -> repository.eventsByOrder(keys).map(byOrder -> {
            Map<Long, List<OrderTimelineEvent>> result = new HashMap<>();
            byOrder.forEach((k, rows) -> result.put(k, rows.stream()
                    .map(e -> new OrderTimelineEvent(e.kind(), e.from(), e.to(), e.actor(), e.channel(), e.note(), e.at())).toList()));
            return result;
        }), List.of());
    }

    public Uni<List<ProductVariant>> variantsOf(List<OrderLine> lines) {
        return Batch.one(lines, OrderLine::variantKey, catalog::variantsByKeys);
    }

    // =========================================================================================================
    // Lifecycle
    // =========================================================================================================

    /** A rule broken inside a transaction: rolls it back and becomes the user error of the payload. */
    private static final class Refused extends RuntimeException {
        private final UserError error;

        Refused(UserError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    public Uni<OrderPayload> updateStatus(Caller caller, OrderInputs.StatusUpdate input) {
        caller.requireStaff();
        long key = orderKey(input.orderId());
        if (input.note() != null && input.note().length() > MAX_NOTE) {
            return Uni.createFrom().item(OrderPayload.failed(UserError.of("INVALID_NOTE", "A note can have at most " + MAX_NOTE + " characters", "input", "note")));
        }
        if (input.status() == OrderStatus.CANCELLED) {
            return cancel(caller, new OrderInputs.Cancel(input.orderId(), input.note()));
        }
        return orderChange(caller, key, (tx, order, changed) -> {
            OrderStatus target = input.status();
            if (!order.status().canMoveTo(target, order.fulfilmentType())) {
                throw new Refused(UserError.of("ILLEGAL_TRANSITION", "An order that is " + order.status() + " cannot become " + target
                        + "; it can become " + order.status().next(order.fulfilmentType()), "input", "status"));
            }
            if (target == OrderStatus.CONFIRMED) {
                return setStatus(tx, caller, order, target, input.note(), changed);
            }
            ShipmentStatus from = switch (target) {
                case READY_FOR_PICKUP, SHIPPED -> ShipmentStatus.PENDING;
                case PICKED_UP -> ShipmentStatus.READY_FOR_PICKUP;
                case DELIVERED -> ShipmentStatus.SHIPPED;
                default -> throw new IllegalStateException();
            };
            ShipmentStatus to = ShipmentStatus.valueOf(target.name());
            return repository.shipmentsByOrder(tx, List.of(order.id())).chain(byOrder -> {
                List<Long> moving = byOrder.getOrDefault(order.id(), List.of()).stream()
                        .filter(s -> s.status() == from).map(ShipmentRow::id).toList();
                return moveShipments(tx, caller, moving, to, null, null, input.note(), changed)
                        .chain(() -> setStatus(tx, caller, order, target, input.note(), changed));
            });
        });
    }

    public Uni<OrderPayload> cancel(Caller caller, OrderInputs.Cancel input) {
        long key = orderKey(input.orderId());
        if (!caller.isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        if (input.reason() != null && input.reason().length() > MAX_NOTE) {
            return Uni.createFrom().item(OrderPayload.failed(UserError.of("INVALID_NOTE", "A reason can have at most " + MAX_NOTE + " characters", "input", "reason")));
        }
        return orderChange(caller, key, (tx, order, changed) -> {
            if (!caller.isStaff() && !(order.status() == OrderStatus.PLACED || order.status() == OrderStatus.CONFIRMED)) {
                throw new Refused(UserError.of("ILLEGAL_TRANSITION", "Fulfilment of this order has started; ask the store to cancel it", "input", "orderId"));
            }
            if (!order.status().canMoveTo(OrderStatus.CANCELLED, order.fulfilmentType())) {
                throw new Refused(UserError.of("ILLEGAL_TRANSITION", "An order that is " + order.status() + " cannot be cancelled", "input", "orderId"));
            }
            return repository.shipmentsByOrder(tx, List.of(order.id())).chain(byOrder -> {
                List<ShipmentRow> held = byOrder.getOrDefault(order.id(), List.of()).stream().filter(s -> s.status().holdsReservation()).toList();
                List<Long> heldIds = held.stream().map(ShipmentRow::id).toList();
                Uni<Void> release = heldIds.isEmpty() ? Uni.createFrom().voidItem()
                        : repository.lockShipments(tx, heldIds).chain(() -> repository.linesByShipment(tx, heldIds)).chain(linesByShipment -> {
                            List<OrderStock> released = new ArrayList<>();
                            List<Long> whollyCancelled = new ArrayList<>();
                            Uni<Void> detach = Uni.createFrom().voidItem();
                            for (ShipmentRow shipment : held) {
                                List<ShipmentLineRow> lines = linesByShipment.getOrDefault(shipment.id(), List.of());
                                boolean shared = lines.stream().anyMatch(l -> l.line().orderId() != order.id());
                                lines.stream().filter(l -> l.line().orderId() == order.id())
                                        .forEach(l -> released.add(new OrderStock(l.line().variantId(), shipment.locationId(), l.quantity())));
                                if (shared) {
                                    // A merged shipment goes on for the other order(s), without this order's lines.
                                    detach = detach.chain(() -> repository.removeOrderFromShipment(tx, shipment.id(), order.id()));
                                } else {
                                    whollyCancelled.add(shipment.id());
                                }
                            }
                            Uni<Void> cancelled = whollyCancelled.isEmpty() ? Uni.createFrom().voidItem()
                                    : repository.setShipmentStatus(tx, whollyCancelled, ShipmentStatus.CANCELLED);
                            Uni<Void> detached = detach;
                            return inventory.release(tx, released, caller.actor(), caller.channel(), order.number())
                                    .chain(() -> cancelled).chain(() -> detached);
                        });
                PaymentStatus payment = switch (order.paymentStatus()) {
                    case AUTHORIZED, PENDING -> PaymentStatus.VOIDED;
                    case PAID -> PaymentStatus.REFUNDED;
                    default -> order.paymentStatus();
                };
                return release
                        .chain(() -> setStatus(tx, caller, order, OrderStatus.CANCELLED, input.reason(), changed))
                        .chain(() -> payment == order.paymentStatus() ? Uni.createFrom().voidItem()
                                : repository.setPaymentStatus(tx, order.id(), payment)
                                        .chain(() -> settlePayment(order, payment)));
            });
        });
    }

    public Uni<ShipmentPayload> updateShipmentStatus(Caller caller, OrderInputs.ShipmentStatusUpdate input) {
        caller.requireStaff();
        long key = shipmentKey(input.shipmentId());
        UserError tracking = validateTracking(input.carrier(), input.trackingNumber(), false);
        if (tracking != null) {
            return Uni.createFrom().item(ShipmentPayload.failed(tracking));
        }
        return shipmentChange(caller, List.of(key), (tx, shipments, changed) ->
                moveShipments(tx, caller, List.of(key), input.status(), input.carrier(), input.trackingNumber(), null, changed)
                        .replaceWith(key));
    }

    public Uni<ShipmentPayload> setTracking(Caller caller, OrderInputs.TrackingSet input) {
        caller.requireStaff();
        long key = shipmentKey(input.shipmentId());
        UserError tracking = validateTracking(input.carrier(), input.trackingNumber(), true);
        if (tracking != null) {
            return Uni.createFrom().item(ShipmentPayload.failed(tracking));
        }
        return shipmentChange(caller, List.of(key), (tx, shipments, changed) -> {
            ShipmentRow shipment = shipments.get(0);
            if (shipment.fulfilmentType() != FulfilmentType.SHIP) {
                throw new Refused(UserError.of("NOT_SHIPPED", "Only delivered shipments have tracking numbers", "input", "shipmentId"));
            }
            return repository.setTracking(tx, List.of(key), input.carrier().strip(), input.trackingNumber().strip())
                    .chain(() -> repository.ordersOfShipments(tx, List.of(key)))
                    .chain(orders -> repository.insertEvents(tx, orders.getOrDefault(key, List.of()), OrderEventKind.TRACKING_SET,
                            nulls(orders.getOrDefault(key, List.of()).size()), nulls(orders.getOrDefault(key, List.of()).size()),
                            caller.actor(), caller.channel(), input.carrier().strip() + " " + input.trackingNumber().strip()))
                    .replaceWith(key);
        });
    }

    /**
     * Moves units of a shipment into a new shipment from the same location (e.g. to collect part of an order now).
     * Staff may split any shipment that has not left; a customer may split their own before fulfilment starts.
     */
    public Uni<ShipmentPayload> split(Caller caller, OrderInputs.Split input) {
        long key = shipmentKey(input.shipmentId());
        if (!caller.isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        if (input.lines() == null || input.lines().isEmpty() || input.lines().size() > 100) {
            return Uni.createFrom().item(ShipmentPayload.failed(UserError.of("INVALID_SPLIT", "Give 1 to 100 lines to move", "input", "lines")));
        }
        Map<Long, Integer> moving = new LinkedHashMap<>();
        for (int i = 0; i < input.lines().size(); i++) {
            OrderInputs.SplitLine line = input.lines().get(i);
            Long lineKey = line == null ? null : GlobalId.tryDecode(OrderLine.TYPE, line.orderLineId());
            if (lineKey == null || line.quantity() < 1) {
                return Uni.createFrom().item(ShipmentPayload.failed(UserError.of("INVALID_SPLIT",
                        "Each line needs an order line id and a quantity of at least 1", "input", "lines", String.valueOf(i))));
            }
            moving.merge(lineKey, line.quantity(), Integer::sum);
        }
        return shipmentChange(caller, List.of(key), (tx, shipments, changed) -> {
            ShipmentRow source = shipments.get(0);
            if (!source.status().holdsReservation()) {
                throw new Refused(UserError.of("SHIPMENT_NOT_SPLITTABLE", "A shipment that is " + source.status() + " cannot be split", "input", "shipmentId"));
            }
            return repository.linesByShipment(tx, List.of(key)).chain(byShipment -> {
                List<ShipmentLineRow> lines = byShipment.getOrDefault(key, List.of());
                Map<Long, Integer> held = new HashMap<>();
                lines.forEach(l -> held.put(l.line().id(), l.quantity()));
                int total = lines.stream().mapToInt(ShipmentLineRow::quantity).sum();
                int moved = 0;
                for (Map.Entry<Long, Integer> m : moving.entrySet()) {
                    Integer here = held.get(m.getKey());
                    if (here == null || m.getValue() > here) {
                        throw new Refused(UserError.of("INVALID_SPLIT", "A line to move is not in this shipment or has fewer units", "input", "lines"));
                    }
                    moved += m.getValue();
                }
                if (moved >= total) {
                    throw new Refused(UserError.of("INVALID_SPLIT", "A split must leave at least one unit in the shipment", "input", "lines"));
                }
                Set<Long> orderIds = new LinkedHashSet<>();
                lines.stream().filter(l -> moving.containsKey(l.line().id())).forEach(l -> orderIds.add(l.line().orderId()));
                return repository.lockOrders(tx, orderIds).chain(orders -> {
                    requireShipmentOwner(caller, orders, true);
                    List<Long> lineIds = new ArrayList<>(moving.keySet());
                    List<Integer> quantities = lineIds.stream().map(moving::get).toList();
                    return repository.insertShipments(tx, List.of(source.locationId()), source.fulfilmentType())
                            .chain(ids -> {
                                long created = ids.get(0);
                                Uni<Void> status = source.status() == ShipmentStatus.PENDING ? Uni.createFrom().voidItem()
                                        : repository.setShipmentStatus(tx, List.of(created), source.status());
                                return status.chain(() -> repository.removeShipmentUnits(tx, key, lineIds, quantities))
                                        .chain(() -> repository.insertShipmentLines(tx, java.util.Collections.nCopies(lineIds.size(), created), lineIds, quantities))
                                        .chain(() -> repository.insertEvents(tx, new ArrayList<>(orderIds), OrderEventKind.SHIPMENT_SPLIT,
                                                nulls(orderIds.size()), nulls(orderIds.size()), caller.actor(), caller.channel(),
                                                "Shipment " + Shipment.globalId(key) + " split into " + Shipment.globalId(created)))
                                        .invoke(() -> changed.addAll(orders))
                                        .replaceWith(created);
                            });
                });
            });
        });
    }

    /**
     * Combines unfulfilled shipments of the same customer and destination (e.g. a web order and a kiosk order both
     * collected at one store) into one. Rules: at least two shipments, all PENDING, from the same location, of the
     * same fulfilment type; their orders belong to the same customer (or the same guest email), none is cancelled,
     * and shipped orders have the same delivery address. Staff or that customer may merge.
     */
    public Uni<ShipmentPayload> merge(Caller caller, OrderInputs.Merge input) {
        if (!caller.isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        Set<Long> keys = new LinkedHashSet<>();
        for (String id : input.shipmentIds()) {
            keys.add(shipmentKey(id));
        }
        if (keys.size() < 2 || keys.size() > 20) {
            return Uni.createFrom().item(ShipmentPayload.failed(UserError.of("INVALID_MERGE", "Give 2 to 20 different shipments", "input", "shipmentIds")));
        }
        return shipmentChange(caller, keys, (tx, shipments, changed) -> {
            ShipmentRow first = shipments.get(0);
            for (ShipmentRow s : shipments) {
                if (s.status() != ShipmentStatus.PENDING) {
                    throw new Refused(UserError.of("INVALID_MERGE", "Only shipments that are still PENDING can be merged", "input", "shipmentIds"));
                }
                if (s.locationId() != first.locationId() || s.fulfilmentType() != first.fulfilmentType()) {
                    throw new Refused(UserError.of("INVALID_MERGE", "Merged shipments must leave from the same location with the same fulfilment type",
                            "input", "shipmentIds"));
                }
            }
            return repository.ordersOfShipments(tx, keys).chain(byShipment -> {
                Set<Long> orderIds = new LinkedHashSet<>();
                byShipment.values().forEach(orderIds::addAll);
                return repository.lockOrders(tx, orderIds).chain(orders -> {
                    requireShipmentOwner(caller, orders, false);
                    OrderRow o = orders.get(0);
                    for (OrderRow other : orders) {
                        if (other.status() == OrderStatus.CANCELLED) {
                            throw new Refused(UserError.of("INVALID_MERGE", "Order " + other.number() + " is cancelled", "input", "shipmentIds"));
                        }
                        boolean sameCustomer = o.customerId() != null ? o.customerId().equals(other.customerId())
                                : other.customerId() == null && o.email() != null && o.email().equalsIgnoreCase(other.email());
                        if (!sameCustomer) {
                            throw new Refused(UserError.of("INVALID_MERGE", "Only shipments of the same customer can be merged", "input", "shipmentIds"));
                        }
                        if (first.fulfilmentType() == FulfilmentType.SHIP && !sameAddress(o.shippingAddress(), other.shippingAddress())) {
                            throw new Refused(UserError.of("INVALID_MERGE", "Only shipments to the same address can be merged", "input", "shipmentIds"));
                        }
                    }
                    List<Long> sorted = keys.stream().sorted().toList();
                    long target = sorted.get(0);
                    return repository.mergeShipments(tx, target, sorted.subList(1, sorted.size()))
                            .chain(() -> repository.insertEvents(tx, new ArrayList<>(orderIds), OrderEventKind.SHIPMENTS_MERGED,
                                    nulls(orderIds.size()), nulls(orderIds.size()), caller.actor(), caller.channel(),
                                    "Shipments merged into " + Shipment.globalId(target)))
                            .invoke(() -> changed.addAll(orders))
                            .replaceWith(target);
                });
            });
        });
    }

    // ---- lifecycle helpers

    @FunctionalInterface
    private interface OrderWork {
        Uni<Void> apply(Db.Tx tx, OrderRow order, List<OrderRow> changed);
    }

    @FunctionalInterface
    private interface ShipmentWork {
        Uni<Long> apply(Db.Tx tx, List<ShipmentRow> shipments, List<OrderRow> changed);
    }

    /** Runs a change of one order in a transaction (the order row locked first), then tells subscribers. */
    private Uni<OrderPayload> orderChange(Caller caller, long key, OrderWork work) {
        List<OrderRow> changed = new ArrayList<>();
        return db.inTransaction(tx -> repository.lockOrders(tx, List.of(key)).chain(rows -> {
            if (rows.isEmpty() || !mayRead(caller, rows.get(0))) {
                throw ApiException.notFound("No order with this id");
            }
            return work.apply(tx, rows.get(0), changed);
        }))
                .chain(() -> publish(changed))
                .chain(() -> repository.findById(key)).chain(this::single)
                .map(order -> new OrderPayload(order, List.of()))
                .onFailure(Refused.class).recoverWithItem(e -> OrderPayload.failed(((Refused) e).error))
                .onFailure(CheckoutRefusal.class).recoverWithItem(e -> OrderPayload.failed(((CheckoutRefusal) e).error()));
    }

    /** Runs a change of shipments in a transaction (orders locked before shipments), then tells subscribers. */
    private Uni<ShipmentPayload> shipmentChange(Caller caller, java.util.Collection<Long> keys, ShipmentWork work) {
        List<OrderRow> changed = new ArrayList<>();
        return db.inTransaction(tx -> repository.ordersOfShipments(tx, keys).chain(byShipment -> {
            Set<Long> orderIds = new java.util.TreeSet<>();
            byShipment.values().forEach(orderIds::addAll);
            // Orders first, then shipments, in id order: the same order as every other order change.
            return repository.lockOrders(tx, orderIds).chain(orders -> {
                if (byShipment.keySet().size() != new LinkedHashSet<>(keys).size()
                        || orders.isEmpty() || !orders.stream().allMatch(o -> mayRead(caller, o))) {
                    throw ApiException.notFound("No shipment with this id");
                }
                return repository.lockShipments(tx, keys).chain(shipments -> work.apply(tx, shipments, changed));
            });
        }))
                .chain(id -> publish(changed).replaceWith(id))
                .chain(this::shipmentById)
                .map(shipment -> new ShipmentPayload(shipment, List.of()))
                .onFailure(Refused.class).recoverWithItem(e -> ShipmentPayload.failed(((Refused) e).error))
                .onFailure(CheckoutRefusal.class).recoverWithItem(e -> ShipmentPayload.failed(((CheckoutRefusal) e).error()));
    }

    private Uni<Shipment> shipmentById(long key) {
        return repository.findShipment(key)
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().nullItem()
                        : withLocations(Map.of(key, rows)).map(m -> m.get(key).get(0)));
    }

    /**
     * Moves shipments to a status: checks each transition, moves stock (goods leaving fulfil the reservation),
     * then advances each affected order whose shipments have all reached the matching status.
     */
    private Uni<Void> moveShipments(Db.Tx tx, Caller caller, List<Long> shipmentIds, ShipmentStatus target, String carrier,
            String trackingNumber, String note, List<OrderRow> changed) {
        if (shipmentIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.lockShipments(tx, shipmentIds).chain(shipments -> {
            for (ShipmentRow s : shipments) {
                if (!s.status().next(s.fulfilmentType()).contains(target)) {
                    throw new Refused(UserError.of("ILLEGAL_TRANSITION", "A shipment that is " + s.status() + " cannot become " + target
                            + "; it can become " + s.status().next(s.fulfilmentType()), "input", "status"));
                }
            }
            return repository.ordersOfShipments(tx, shipmentIds).chain(ordersByShipment -> {
                Set<Long> orderIds = new java.util.TreeSet<>();
                ordersByShipment.values().forEach(orderIds::addAll);
                return repository.lockOrders(tx, orderIds).chain(orders -> {
                    for (OrderRow o : orders) {
                        if (o.status() == OrderStatus.PLACED || o.status() == OrderStatus.CANCELLED) {
                            throw new Refused(UserError.of("ORDER_NOT_CONFIRMED", "Order " + o.number() + " is " + o.status()
                                    + "; confirm it before its shipments move", "input", "status"));
                        }
                    }
                    Uni<Void> stock = Uni.createFrom().voidItem();
                    if (target == ShipmentStatus.SHIPPED || target == ShipmentStatus.PICKED_UP) {
                        stock = repository.linesByShipment(tx, shipmentIds).chain(linesByShipment -> {
                            List<OrderStock> leaving = new ArrayList<>();
                            for (ShipmentRow s : shipments) {
                                linesByShipment.getOrDefault(s.id(), List.of())
                                        .forEach(l -> leaving.add(new OrderStock(l.line().variantId(), s.locationId(), l.quantity())));
                            }
                            return inventory.fulfil(tx, leaving, caller.actor(), caller.channel(), orders.get(0).number());
                        });
                    } else if (target == ShipmentStatus.CANCELLED) {
                        stock = repository.linesByShipment(tx, shipmentIds).chain(linesByShipment -> {
                            List<OrderStock> released = new ArrayList<>();
                            for (ShipmentRow s : shipments) {
                                linesByShipment.getOrDefault(s.id(), List.of())
                                        .forEach(l -> released.add(new OrderStock(l.line().variantId(), s.locationId(), l.quantity())));
                            }
                            return inventory.release(tx, released, caller.actor(), caller.channel(), orders.get(0).number());
                        });
                    }
                    Uni<Void> tracking = carrier == null && trackingNumber == null ? Uni.createFrom().voidItem()
                            : repository.setTracking(tx, shipmentIds, carrier, trackingNumber);
                    return stock.chain(() -> repository.setShipmentStatus(tx, shipmentIds, target))
                            .chain(() -> tracking)
                            .chain(() -> repository.insertEvents(tx, new ArrayList<>(orderIds), OrderEventKind.SHIPMENT_STATUS_CHANGED,
                                    nulls(orderIds.size()), nulls(orderIds.size()), caller.actor(), caller.channel(),
                                    "Shipment(s) " + shipmentIds.stream().map(Shipment::globalId).toList() + " " + target
                                            + (trackingNumber == null ? "" : " tracking " + trackingNumber)))
                            .chain(() -> repository.shipmentsByOrder(tx, orderIds))
                            .chain(shipmentsByOrder -> {
                                Uni<Void> advance = Uni.createFrom().voidItem();
                                for (OrderRow o : orders) {
                                    OrderStatus derived = derivedStatus(o, shipmentsByOrder.getOrDefault(o.id(), List.of()));
                                    if (derived != null && derived != o.status() && o.status().canMoveTo(derived, o.fulfilmentType())) {
                                        advance = advance.chain(() -> setStatus(tx, caller, o, derived, note, changed));
                                    }
                                }
                                return advance;
                            });
                });
            });
        });
    }

    /** The status an order's shipments put it in, ignoring cancelled shipments; null when they do not agree. */
    private static OrderStatus derivedStatus(OrderRow order, List<ShipmentRow> shipments) {
        List<ShipmentStatus> live = shipments.stream().map(ShipmentRow::status).filter(s -> s != ShipmentStatus.CANCELLED).toList();
        if (live.isEmpty()) {
            return null;
        }
        if (live.stream().allMatch(s -> s == ShipmentStatus.DELIVERED)) {
            return OrderStatus.DELIVERED;
        }
        if (live.stream().allMatch(s -> s == ShipmentStatus.SHIPPED || s == ShipmentStatus.DELIVERED)) {
            return OrderStatus.SHIPPED;
        }
        if (live.stream().allMatch(s -> s == ShipmentStatus.PICKED_UP)) {
            return OrderStatus.PICKED_UP;
        }
        if (live.stream().allMatch(s -> s == ShipmentStatus.READY_FOR_PICKUP || s == ShipmentStatus.PICKED_UP)) {
            return OrderStatus.READY_FOR_PICKUP;
        }
        return null;
    }

    /** Sets an order's status with a timeline entry; settles payment when goods leave. Records it as changed. */
    private Uni<Void> setStatus(Db.Tx tx, Caller caller, OrderRow order, OrderStatus target, String note, List<OrderRow> changed) {
        changed.removeIf(o -> o.id() == order.id());
        changed.add(order);
        boolean capture = (target == OrderStatus.SHIPPED || target == OrderStatus.PICKED_UP)
                && (order.paymentStatus() == PaymentStatus.AUTHORIZED
                        || (order.paymentStatus() == PaymentStatus.PENDING && target == OrderStatus.PICKED_UP));
        Uni<Void> payment = !capture ? Uni.createFrom().voidItem()
                : repository.setPaymentStatus(tx, order.id(), PaymentStatus.PAID).chain(() -> settlePayment(order, PaymentStatus.PAID));
        OrderStatusListener.StatusChange change = new OrderStatusListener.StatusChange(order.id(), order.number(), order.customerId(),
                order.status(), target, order.total(), order.currency());
        return repository.setOrderStatus(tx, List.of(order.id()), target)
                .chain(() -> repository.insertEvents(tx, List.of(order.id()), OrderEventKind.STATUS_CHANGED, List.of(order.status()),
                        List.of(target), caller.actor(), caller.channel(), note))
                .chain(() -> payment)
                .chain(() -> chainAll(statusListeners.stream().map(listener -> listener.statusChanged(tx, caller, change)).toList()));
    }

    /** Tells the payment provider; inside the transaction so a provider failure rolls the change back. */
    private Uni<Void> settlePayment(OrderRow order, PaymentStatus status) {
        PaymentProvider provider = providers.get(order.paymentMethod());
        return switch (status) {
            case PAID -> provider.capture(order.paymentReference(), order.total(), order.currency());
            case VOIDED -> provider.voidAuthorization(order.paymentReference());
            case REFUNDED -> provider.refund(order.paymentReference(), order.total(), order.currency());
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> publish(List<OrderRow> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.findByIds(changed.stream().map(OrderRow::id).toList())
                .chain(rows -> chainAll(rows.stream().map(r -> events.publish(r.id(), r.status())).toList()));
    }

    private void requireShipmentOwner(Caller caller, List<OrderRow> orders, boolean beforeFulfilmentOnly) {
        if (caller.isStaff()) {
            return;
        }
        String customerId = customerId(caller);
        for (OrderRow o : orders) {
            if (customerId == null || !customerId.equals(o.customerId())) {
                throw ApiException.notFound("No shipment with this id");
            }
            if (o.status() != OrderStatus.PLACED && o.status() != OrderStatus.CONFIRMED) {
                throw new Refused(UserError.of("FULFILMENT_STARTED", "Fulfilment of order " + o.number() + " has started; ask the store",
                        "input", "shipmentId"));
            }
        }
    }

    private static UserError validateTracking(String carrier, String trackingNumber, boolean required) {
        if (required || carrier != null) {
            if (carrier == null || carrier.isBlank() || carrier.length() > 50) {
                return UserError.of("INVALID_TRACKING", "The carrier must have 1 to 50 characters", "input", "carrier");
            }
        }
        if (required || trackingNumber != null) {
            if (trackingNumber == null || !TRACKING.matcher(trackingNumber.strip()).matches()) {
                return UserError.of("INVALID_TRACKING", "A tracking number has 4 to 40 letters, digits or dashes", "input", "trackingNumber");
            }
        }
        return null;
    }

    private static boolean sameAddress(JsonObject a, JsonObject b) {
        if (a == null || b == null) {
            return a == b;
        }
        for (String field : List.of("firstName", "lastName", "line1", "line2", "city", "postalCode", "region", "countryCode")) {
            String x = a.getString(field);
            String y = b.getString(field);
            if (!(x == null ? y == null : y != null && x.strip().equalsIgnoreCase(y.strip()))) {
                return false;
            }
        }
        return true;
    }

    // =========================================================================================================
    // Mapping and helpers
    // =========================================================================================================

    private boolean mayRead(Caller caller, OrderRow order) {
        if (caller.isStaff()) {
            return true;
        }
        String customerId = customerId(caller);
        return customerId != null && customerId.equals(order.customerId());
    }

    private Uni<Order> single(OrderRow row) {
        return toOrders(List.of(row)).map(orders -> orders.get(0));
    }

    private Uni<List<Order>> toOrders(List<OrderRow> rows) {
        return toOrders(rows, row -> null);
    }

    /** @param written what a request has just written of an order, or null */
    private Uni<List<Order>> toOrders(List<OrderRow> rows, Function<OrderRow, Order.Written> written) {
        Set<Long> locationKeys = new LinkedHashSet<>();
        rows.forEach(r -> {
            if (r.pickupLocationKey() != null) {
                locationKeys.add(r.pickupLocationKey());
            }
        });
        Uni<Map<Long, Location>> locations = locationKeys.isEmpty() ? Uni.createFrom().item(Map.of()) : stores.locationsByKeys(locationKeys);
        return locations.map(byKey -> rows.stream()
                .map(r -> order(r, r.pickupLocationKey() == null ? null : byKey.get(r.pickupLocationKey()), written.apply(r))).toList());
    }

    private Order order(OrderRow r, Location pickup, Order.Written written) {
        String c = r.currency();
        return new Order(Order.globalId(r.id()), r.number(), r.status(), r.status().next(r.fulfilmentType()), r.email(),
                r.sourceChannel(), r.cartChannels(), r.fulfilmentType(), pickup, OrderAddress.fromJson(r.shippingAddress()),
                r.curbsideNote(), Money.ofMinor(r.subtotal(), c), Money.ofMinor(r.discount(), c), Money.ofMinor(r.shipping(), c),
                Money.ofMinor(r.tax(), c), Money.ofMinor(r.total(), c), r.pricesIncludeTax(), r.paymentMethod(), r.paymentStatus(),
                r.cardLast4(), r.placedAt(), r.updatedAt(), r.id(), r.customerId(), r.paymentReference(), r.total(), written);
    }

    private OrderLine line(LineRow l) {
        return new OrderLine(OrderLine.globalId(l.id()), l.sku(), l.productName(), l.variantTitle(), l.quantity(),
                Money.ofMinor(l.unitPrice(), currency), Money.ofMinor(l.discount(), currency), Money.ofMinor(l.tax(), currency),
                Money.ofMinor(l.total(), currency), l.channel(), l.id(), l.orderId(), l.variantId());
    }

    private Uni<Map<Long, List<Shipment>>> withLocations(Map<Long, List<ShipmentRow>> byParent) {
        Set<Long> locationKeys = new LinkedHashSet<>();
        byParent.values().forEach(list -> list.forEach(s -> locationKeys.add(s.locationId())));
        if (locationKeys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return stores.locationsByKeys(locationKeys).map(locations -> {
            Map<Long, List<Shipment>> result = new HashMap<>();
            byParent.forEach((k, rows) -> result.put(k, rows.stream()
                    .map(s -> new Shipment(Shipment.globalId(s.id()), s.status(), s.status().next(s.fulfilmentType()), s.fulfilmentType(),
                            locations.get(s.locationId()), s.carrier(), s.trackingNumber(), s.createdAt(), s.updatedAt(), s.id()))
                    .toList()));
            return result;
        });
    }

    private static String customerId(Caller caller) {
        return caller.hasRole(Role.CUSTOMER) ? caller.subject() : null;
    }

    private static String emailOf(OrderInputs.CheckoutComplete input) {
        return input.email() == null || input.email().isBlank() ? null : input.email().strip();
    }

    private static long orderKey(String id) {
        Long key = GlobalId.tryDecode(Order.TYPE, id);
        if (key == null) {
            throw ApiException.notFound("No order with this id");
        }
        return key;
    }

    private static long shipmentKey(String id) {
        Long key = GlobalId.tryDecode(Shipment.TYPE, id);
        if (key == null) {
            throw ApiException.notFound("No shipment with this id");
        }
        return key;
    }

    private static String[] fieldPath(String... parts) {
        List<String> path = new ArrayList<>();
        for (String part : parts) {
            path.addAll(List.of(part.split("\\.")));
        }
        return path.toArray(String[]::new);
    }

    private static <T> List<T> nulls(int n) {
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(null);
        }
        return list;
    }

    private static Uni<Void> chainAll(List<Uni<Void>> steps) {
        Uni<Void> result = Uni.createFrom().voidItem();
        for (Uni<Void> step : steps) {
            result = result.chain(() -> step);
        }
        return result;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static String sha256(String value) {
        return Secrets.sha256Hex(value);
    }
}
