package com.omnichannel.gateway.cart;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;


import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.ErrorCode;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.platform.security.Secrets;
import com.omnichannel.gateway.customer.CustomerActivity;
import com.omnichannel.gateway.customer.CustomerErasures;
import com.omnichannel.gateway.customer.CustomerEventKind;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.PickupSlots;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Carts: who may use them, what a change may do, and the live view of a cart (prices and availability read
 * from the catalog and stock at the moment of reading, never copied into the cart).
 */
@ApplicationScoped
public class CartService {

    public static final int MAX_QUANTITY = 999;
    public static final int MAX_LINES = 100;

    private final CartStore store;
    private final CartEvents events;
    private final CustomerActivity activity;
    private final CustomerErasures erasures;
    private final CartLineValidation lineValidation;
    private final CartViews views;
    private final StoreService stores;
    private final PickupSlots pickupSlots;
    private final Duration anonymousTtl;
    private final Duration customerTtl;
    private final Event<CartCreated> created;

    public CartService(CartStore store, CartEvents events, CustomerActivity activity, CustomerErasures erasures, CartLineValidation lineValidation,
            CartViews views, StoreService stores, PickupSlots pickupSlots, Event<CartCreated> created, CartConfig config) {
        this.store = store;
        this.events = events;
        this.activity = activity;
        this.erasures = erasures;
        this.lineValidation = lineValidation;
        this.views = views;
        this.stores = stores;
        this.pickupSlots = pickupSlots;
        this.anonymousTtl = config.anonymousTtl();
        this.customerTtl = config.customerTtl();
        this.created = created;
    }

    // ---- reads

    public Uni<Cart> cart(Caller caller, String cartToken, String cartId) {
        String id = cartId(cartId);
        return store.find(id).chain(stored -> {
            if (stored == null) {
                throw ApiException.notFound("No cart with this id (it may have expired)");
            }
            requireAccess(caller, cartToken, stored);
            return views.of(stored, caller.channel());
        });
    }

    public Uni<Cart> myCart(Caller caller) {
        String customerId = caller.customerId();
        if (customerId == null) {
            throw caller.isAuthenticated() ? ApiException.forbidden() : ApiException.unauthenticated();
        }
        return store.activeCartId(customerId)
                .chain(id -> id == null ? Uni.createFrom().nullItem() : store.find(id))
                .chain(stored -> stored == null || !customerId.equals(stored.customerId())
                        ? Uni.createFrom().nullItem()
                        : views.of(stored, caller.channel()));
    }

    /**
     * The cart after each change, for as long as the subscriber listens. Subscribing needs the same rights as
     * reading; each event is delivered as the cart's live view at that moment.
     */
    public Multi<Cart> updates(Caller caller, String cartToken, String cartId) {
        String id = cartId(cartId);
        return Multi.createFrom().uni(store.find(id).invoke(stored -> {
            if (stored == null) {
                throw ApiException.notFound("No cart with this id (it may have expired)");
            }
            requireAccess(caller, cartToken, stored);
        })).onItem().transformToMultiAndConcatenate(allowed -> events.of(id))
                .onItem().transformToUniAndConcatenate(change -> store.find(id))
                .filter(stored -> stored != null)
                .onItem().transformToUniAndConcatenate(stored -> views.of(stored, caller.channel()));
    }

    /**
     * A customer's active cart as shoppers see it, or null; for staff views of a customer (the caller's rights are
     * checked by whoever reached the customer).
     */
    public Uni<Cart> activeCartOf(String customerId) {
        return store.activeCartId(customerId)
                .chain(id -> id == null ? Uni.createFrom().nullItem() : store.find(id))
                .chain(stored -> stored == null || !customerId.equals(stored.customerId())
                        ? Uni.createFrom().nullItem()
                        // Promotions limited to channels apply as on the channel the customer last used.
                        : views.of(stored, stored.lastChannel() == null ? Channel.WEB : Channel.valueOf(stored.lastChannel())));
    }

    /**
     * The customer's active cart as stored (lines, channels, fulfilment) for their data export; null when they have
     * none.
     */
    public Uni<JsonObject> exportActiveCart(String customerId) {
        return store.activeCartId(customerId)
                .chain(id -> id == null ? Uni.createFrom().nullItem() : store.find(id))
                .map(stored -> stored == null || !customerId.equals(stored.customerId()) ? null : exported(stored));
    }

    private static JsonObject exported(StoredCart stored) {
        JsonObject cart = new JsonObject(stored.toJson());
        cart.remove("tokenHash");
        return cart;
    }

    /**
     * Erasure of a customer: removes their active cart and the pointer to it. Carts are found only through that
     * pointer; a customer's earlier carts were merged into it or became orders.
     */
    public Uni<Void> dropCustomerCarts(String customerId) {
        return store.dropCustomerCart(customerId);
    }

    // ---- checkout

    /** The cart to check out, if the caller may use it; null when it does not exist (or expired). */
    public Uni<CheckoutCart> checkoutCart(Caller caller, String cartToken, String cartId) {
        String id = cartId(cartId);
        return store.find(id).map(stored -> {
            if (stored == null) {
                return null;
            }
            requireAccess(caller, cartToken, stored);
            List<CheckoutCart.Line> lines = stored.lines().stream()
                    .map(l -> new CheckoutCart.Line(l.id(), GlobalId.tryDecode(ProductVariant.TYPE, l.variantId()), l.quantity(),
                            Channel.valueOf(l.channel())))
                    .toList();
            return new CheckoutCart(stored.id(), stored.customerId().isEmpty() ? null : stored.customerId(), stored.version(),
                    lines, stored.channels().stream().map(Channel::valueOf).toList(), stored.couponCode(), stored.pickupStoreId(),
                    stored.pickupSlotId());
        });
    }

    /**
     * Removes a cart that became an order. Subscribers of the cart hear of it as a last change; the customer's
     * pointer to it is left to expire (a pointer to a missing cart reads as no cart).
     */
    public Uni<Void> checkedOut(String cartId) {
        return store.mutate(cartId, "checkout", null, now(), "", null, null, true, "{}", 0, 0).replaceWithVoid();
    }

    // ---- changes

    public Uni<CartPayload> create(Caller caller, CartInputs.Create input) {
        List<CartLineInput> lines = input == null || input.lines() == null ? List.of() : input.lines();
        // An erased customer's access token (valid for minutes) makes no new customer cart.
        return erasures.requireNotErased(caller).onFailure().transform(CartStore::unavailable)
                .chain(() -> lineValidation.validate(lines)).chain(validated -> {
            if (validated.error() != null) {
                return Uni.createFrom().item(CartPayload.failed(validated.error()));
            }
            String customerId = caller.customerId();
            String token = customerId == null ? newSecret() : null;
            String now = now();
            List<StoredCart.StoredLine> storedLines = new ArrayList<>();
            for (Map.Entry<String, Integer> e : validated.quantities().entrySet()) {
                storedLines.add(new StoredCart.StoredLine(newLineId(), e.getKey(), e.getValue(), caller.channel().name(), now));
            }
            Duration ttl = customerId != null ? customerTtl : anonymousTtl;
            // At a kiosk (device or kiosk session) the shopper stands in the store: the cart starts as pickup there, so
            // line availability is the stock here; cartFulfilmentSet switches it to shipping.
            boolean atKiosk = caller.channel() == Channel.KIOSK && caller.storeId() != null;
            StoredCart cart = new StoredCart(newCartId(), customerId == null ? "" : customerId,
                    token == null ? "" : sha256(token), storedLines, (atKiosk ? FulfilmentType.PICKUP : FulfilmentType.SHIP).name(),
                    atKiosk ? GlobalId.encode(Location.TYPE, caller.storeId()) : null,
                    List.of(caller.channel().name()), caller.channel().name(), 1, now, now, ttl.toSeconds(), null);
            return store.create(cart).invoke(stored -> {
                        cartUpdated(caller, stored.id(), "create");
                        created.fire(new CartCreated(stored.id(), caller.channel(), customerId,
                                caller.channel() == Channel.KIOSK ? caller.storeId() : null, OffsetDateTime.now(ZoneOffset.UTC)));
                    })
                    .chain(stored -> views.of(stored, caller.channel())).map(view -> new CartPayload(view, token, List.of()));
        });
    }

    public Uni<CartPayload> addLines(Caller caller, String cartToken, CartInputs.LinesAdd input) {
        String id = cartId(input.cartId());
        return lineValidation.validate(input.lines() == null ? List.of() : input.lines()).chain(validated -> {
            if (validated.error() != null) {
                return Uni.createFrom().item(CartPayload.failed(validated.error()));
            }
            if (validated.quantities().isEmpty()) {
                return Uni.createFrom().item(CartPayload.failed(UserError.of("INVALID_LINES", "Give at least one line", "input", "lines")));
            }
            JsonArray lines = new JsonArray();
            validated.quantities().forEach((variantId, quantity) -> lines.add(new JsonObject()
                    .put("variantId", variantId).put("quantity", quantity).put("lineId", newLineId())));
            return change(caller, cartToken, id, "add", input.expectedVersion(), new JsonObject().put("lines", lines));
        });
    }

    public Uni<CartPayload> updateLines(Caller caller, String cartToken, CartInputs.LinesUpdate input) {
        String id = cartId(input.cartId());
        List<CartLineUpdateInput> changes = input.lines() == null ? List.of() : input.lines();
        if (changes.isEmpty() || changes.size() > MAX_LINES) {
            return Uni.createFrom().item(CartPayload.failed(UserError.of("INVALID_LINES", "Give 1 to " + MAX_LINES + " lines", "input", "lines")));
        }
        JsonArray lines = new JsonArray();
        for (int i = 0; i < changes.size(); i++) {
            CartLineUpdateInput change = changes.get(i);
            if (change == null || change.quantity() < 0 || change.quantity() > MAX_QUANTITY) {
                return Uni.createFrom().item(CartPayload.failed(UserError.of("INVALID_QUANTITY",
                        "Quantity must be between 0 and " + MAX_QUANTITY, "input", "lines", String.valueOf(i), "quantity")));
            }
            lines.add(new JsonObject().put("lineId", change.lineId()).put("quantity", change.quantity()));
        }
        return change(caller, cartToken, id, "update", input.expectedVersion(), new JsonObject().put("lines", lines));
    }

    public Uni<CartPayload> removeLines(Caller caller, String cartToken, CartInputs.LinesRemove input) {
        String id = cartId(input.cartId());
        List<String> lineIds = input.lineIds() == null ? List.of() : input.lineIds();
        if (lineIds.isEmpty() || lineIds.size() > MAX_LINES || lineIds.contains(null)) {
            return Uni.createFrom().item(CartPayload.failed(UserError.of("INVALID_LINES", "Give 1 to " + MAX_LINES + " line ids", "input", "lineIds")));
        }
        return change(caller, cartToken, id, "remove", input.expectedVersion(),
                new JsonObject().put("lineIds", new JsonArray(new ArrayList<>(lineIds))));
    }

    public Uni<CartPayload> setFulfilment(Caller caller, String cartToken, CartInputs.FulfilmentSet input) {
        String id = cartId(input.cartId());
        JsonObject fulfilment = new JsonObject().put("type", input.type().name());
        if (input.type() == FulfilmentType.SHIP) {
            if (input.slotId() != null) {
                return Uni.createFrom().item(CartPayload.failed(UserError.of("INVALID_PICKUP_SLOT", "Pickup slots are for pickup and curbside",
                        "input", "slotId")));
            }
            return change(caller, cartToken, id, "fulfilment", input.expectedVersion(), new JsonObject().put("fulfilment", fulfilment));
        }
        Long storeKey = input.storeId() == null ? null : GlobalId.tryDecode(Location.TYPE, input.storeId());
        if (storeKey == null) {
            return Uni.createFrom().item(CartPayload.failed(UserError.of("INVALID_PICKUP_STORE", "Pickup needs a store", "input", "storeId")));
        }
        return stores.findStore(storeKey).chain(pickupStore -> {
            if (pickupStore == null) {
                return Uni.createFrom().item(CartPayload.failed(UserError.of("INVALID_PICKUP_STORE", "No store with this id", "input", "storeId")));
            }
            fulfilment.put("storeId", pickupStore.id());
            if (input.slotId() == null) {
                return change(caller, cartToken, id, "fulfilment", input.expectedVersion(), new JsonObject().put("fulfilment", fulfilment));
            }
            return pickupSlots.judge(storeKey, input.slotId(), "input", "slotId").chain(choice -> {
                if (choice instanceof PickupSlots.Choice.Refused refused) {
                    return Uni.createFrom().item(CartPayload.failed(refused.error()));
                }
                fulfilment.put("slotId", ((PickupSlots.Choice.Valid) choice).slot().encode());
                return change(caller, cartToken, id, "fulfilment", input.expectedVersion(), new JsonObject().put("fulfilment", fulfilment));
            });
        });
    }

    // ---- coupon (validated and priced by the promotions domain, which calls these)

    /** Stores (or with null, removes) the coupon code on the cart: one Lua change like any other. */
    public Uni<CartPayload> setCoupon(Caller caller, String cartToken, String cartId, String couponCode, Long expectedVersion) {
        String id = cartId(cartId);
        return change(caller, cartToken, id, "coupon", expectedVersion, new JsonObject().put("couponCode", couponCode));
    }

    // ---- sign-in and hand-off

    /** The anonymous cart of a shopper who just signed in, combined with their active cart by the given mode. */
    public Uni<CartPayload> attachToCustomer(Caller caller, String cartToken, CartInputs.AttachToCustomer input) {
        String customerId = caller.customerId();
        if (customerId == null) {
            throw caller.isAuthenticated() ? ApiException.forbidden() : ApiException.unauthenticated();
        }
        String id = cartId(input.cartId());
        CartAttachMode mode = input.mode() == null ? CartAttachMode.MERGE : input.mode();
        return erasures.requireNotErased(caller).onFailure().transform(CartStore::unavailable)
                .chain(() -> store.activeCartId(customerId)).chain(activeId -> {
            if (id.equals(activeId)) {
                return store.find(id).chain(stored -> views.of(stored, caller.channel())).map(view -> new CartPayload(view, null, List.of()));
            }
            return store.take(id, customerId, cartToken == null ? null : sha256(cartToken), caller.isStaff())
                    .chain(taken -> {
                        if (taken.cart() == null) {
                            return Uni.createFrom().item(refusal(caller, taken));
                        }
                        return combine(caller, customerId, activeId, taken.cart(), mode)
                                .map(view -> new CartPayload(view, null, List.of()));
                    });
        });
    }

    /**
     * Gives a cart taken out of the store by a hand-off to the caller: merged into a signed-in customer's active cart,
     * or to anyone else with a new cart token.
     */
    Uni<CartPayload> handOver(Caller caller, StoredCart taken) {
        String customerId = caller.customerId();
        if (customerId != null) {
            return store.activeCartId(customerId)
                    .chain(activeId -> combine(caller, customerId, activeId, taken, CartAttachMode.MERGE))
                    .map(view -> new CartPayload(view, null, List.of()));
        }
        String token = newSecret();
        StoredCart handed = withOwner(taken, caller.channel(), "", sha256(token), anonymousTtl);
        return store.put(handed).chain(stored -> views.of(stored, caller.channel())).map(view -> new CartPayload(view, token, List.of()));
    }

    /** Combines a cart taken out of the store with the customer's active cart (if any) by the mode. */
    private Uni<Cart> combine(Caller caller, String customerId, String activeId, StoredCart taken, CartAttachMode mode) {
        return combineCarts(caller, customerId, activeId, taken, mode)
                .invoke(cart -> cartUpdated(caller, cart.id(), "attach-" + mode.name().toLowerCase(java.util.Locale.ROOT)));
    }

    private Uni<Cart> combineCarts(Caller caller, String customerId, String activeId, StoredCart taken, CartAttachMode mode) {
        Uni<StoredCart> active = activeId == null ? Uni.createFrom().nullItem() : store.find(activeId);
        return active.chain(existing -> {
            if (existing == null || mode == CartAttachMode.REPLACE) {
                // No active cart, or the taken one replaces it: it becomes the customer's.
                StoredCart owned = withOwner(taken, caller.channel(), customerId, "", customerTtl);
                return store.put(owned).call(() -> store.activate(customerId, owned.id(), customerTtl.toSeconds()))
                        .chain(stored -> views.of(stored, caller.channel()));
            }
            if (mode == CartAttachMode.KEEP_EXISTING) {
                return views.of(existing, caller.channel());
            }
            JsonArray lines = new JsonArray();
            taken.lines().forEach(l -> lines.add(new JsonObject().put("id", l.id()).put("variantId", l.variantId())
                    .put("quantity", l.quantity()).put("channel", l.channel()).put("addedAt", l.addedAt())));
            JsonObject payload = new JsonObject().put("lines", lines).put("channels", new JsonArray(new ArrayList<>(taken.channels())));
            return store.mutate(existing.id(), "merge", null, now(), caller.channel().name(), customerId, null, false,
                    payload.encode(), MAX_QUANTITY, MAX_LINES)
                    .chain(outcome -> {
                        if (outcome.cart() == null) {
                            throw new IllegalStateException("Merge into the active cart refused: " + outcome.refusal());
                        }
                        return views.of(outcome.cart(), caller.channel());
                    });
        });
    }

    /** The cart given to a new owner on the device that took it: that device's channel joins the cart's channels. */
    private static StoredCart withOwner(StoredCart cart, Channel takenThrough, String customerId, String tokenHash, Duration ttl) {
        List<String> channels = new ArrayList<>(cart.channels());
        if (!channels.contains(takenThrough.name())) {
            channels.add(takenThrough.name());
        }
        return new StoredCart(cart.id(), customerId, tokenHash, cart.lines(), cart.fulfilmentType(), cart.pickupStoreId(),
                cart.pickupSlotId(), channels, takenThrough.name(), cart.version() + 1, cart.createdAt(), now(), ttl.toSeconds(), cart.couponCode());
    }

    // ---- helpers

    private Uni<CartPayload> change(Caller caller, String cartToken, String cartId, String operation, Long expectedVersion,
            JsonObject payload) {
        return store.mutate(cartId, operation, expectedVersion, now(), caller.channel().name(), caller.customerId(),
                cartToken == null ? null : sha256(cartToken), caller.isStaff(), payload.encode(), MAX_QUANTITY, MAX_LINES)
                .chain(outcome -> {
                    StoredCart changed = outcome.cart();
                    if (changed == null) {
                        return Uni.createFrom().item(refusal(caller, outcome));
                    }
                    cartUpdated(caller, changed.id(), operation);
                    // A write extends the cart's life; the customer's pointer to it must live as long (one more
                    // round trip, for customer carts only: the pointer sits in another cluster slot).
                    Uni<Void> pointer = changed.customerId().isEmpty() ? Uni.createFrom().voidItem()
                            : store.touchActive(changed.customerId(), changed.ttlSeconds());
                    return pointer.chain(() -> views.of(changed, caller.channel())).map(view -> new CartPayload(view, null, List.of()));
                });
    }

    /** A signed-in customer's cart change joins their cross-channel activity (queued, off the request path). */
    private void cartUpdated(Caller caller, String cartId, String operation) {
        String customerId = caller.customerId();
        if (customerId != null) {
            activity.record(customerId, CustomerEventKind.CART_UPDATED, caller.channel(), cartId,
                    new JsonObject().put("operation", operation));
        }
    }

    private static CartPayload refusal(Caller caller, CartStore.Outcome outcome) {
        return switch (outcome.refusal()) {
            case "CART_NOT_FOUND" -> throw ApiException.notFound("No cart with this id (it may have expired)");
            case "FORBIDDEN" -> throw caller.isAuthenticated() ? ApiException.forbidden()
                    : new ApiException(ErrorCode.FORBIDDEN, "This cart needs its cart token (X-Cart-Token) or its owner's sign-in");
            case "CART_VERSION_CONFLICT" -> CartPayload.failed(UserError.of("CART_VERSION_CONFLICT",
                    "The cart changed meanwhile; it is now at version " + outcome.detail(), "input", "expectedVersion"));
            case "QUANTITY_LIMIT_EXCEEDED" -> CartPayload.failed(UserError.of("QUANTITY_LIMIT_EXCEEDED",
                    "A line can hold at most " + MAX_QUANTITY + " units", "input", "lines"));
            case "TOO_MANY_LINES" -> CartPayload.failed(UserError.of("TOO_MANY_LINES",
                    "A cart can hold at most " + MAX_LINES + " different items", "input", "lines"));
            case "LINE_NOT_FOUND" -> CartPayload.failed(UserError.of("LINE_NOT_FOUND", "No line with this id in the cart", "input", "lines"));
            default -> throw new IllegalStateException("Unexpected cart refusal " + outcome.refusal());
        };
    }

    static void requireAccess(Caller caller, String cartToken, StoredCart cart) {
        String customerId = caller.customerId();
        boolean owner = !cart.customerId().isEmpty() && cart.customerId().equals(customerId);
        boolean tokenHolder = !cart.tokenHash().isEmpty() && cartToken != null && cart.tokenHash().equals(sha256(cartToken));
        if (!(owner || tokenHolder || caller.isStaff())) {
            throw caller.isAuthenticated() ? ApiException.forbidden()
                    : new ApiException(ErrorCode.FORBIDDEN, "This cart needs its cart token (X-Cart-Token) or its owner's sign-in");
        }
    }

    /**
     * Whether this is of the form of a cart id (random, so that it cannot be guessed; not a typed id): anything else
     * is refused before Redis is asked.
     */
    static boolean isCartId(String id) {
        return id != null && CART_ID.matcher(id).matches();
    }

    /** Compiled once: {@code String.matches} compiles its expression on every call (every cart read and change). */
    private static final Pattern CART_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    static String cartId(String id) {
        if (!isCartId(id)) {
            throw ApiException.badUserInput("Argument 'cartId' is not a valid cart id");
        }
        return id;
    }

    private static String newCartId() {
        return newSecret().substring(0, 22);
    }

    private static String newLineId() {
        return Secrets.randomToken(9);
    }

    private static String newSecret() {
        return Secrets.randomToken(32);
    }

    static String sha256(String value) {
        return Secrets.sha256Hex(value);
    }

    private static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }
}
