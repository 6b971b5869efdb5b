package com.omnichannel.gateway.checkout;

import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.errors.Refusal;
import com.omnichannel.gateway.cart.CartService;
import com.omnichannel.gateway.cart.CheckoutCart;
import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.catalog.CatalogConfig;
import com.omnichannel.gateway.catalog.CatalogService;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.customer.CustomerService;
import com.omnichannel.gateway.order.OrderAddress;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.PickupSlotId;
import com.omnichannel.gateway.store.PickupSlots;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Uni;

/**
 * Everything checkout settles before it takes payment: the cart and pickup store (read together), the pickup slot
 * the cart chose, the variants as
 * the catalog sells them now, the discounts, and the totals.
 */
@ApplicationScoped
class CheckoutPreparation {

    private final CartService carts;
    private final StoreService stores;
    private final PickupSlots pickupSlots;
    private final CatalogService catalog;
    private final CheckoutDiscounts discounts;
    private final CheckoutPricing pricing;
    private final CustomerService customers;
    private final int currencyDigits;

    CheckoutPreparation(CartService carts, StoreService stores, PickupSlots pickupSlots, CatalogService catalog, CheckoutDiscounts discounts,
            CheckoutPricing pricing, CustomerService customers, CatalogConfig catalogConfig) {
        this.carts = carts;
        this.customers = customers;
        this.stores = stores;
        this.pickupSlots = pickupSlots;
        this.catalog = catalog;
        this.discounts = discounts;
        this.pricing = pricing;
        this.currencyDigits = Math.max(Currency.getInstance(catalogConfig.currency()).getDefaultFractionDigits(), 0);
    }

    /** How preparing a checkout ended. */
    sealed interface Preparation {
        record Ready(PreparedCheckout checkout) implements Preparation {
        }

        /** No such cart (any more): it may have expired, or a concurrent retry may have just turned it into the order. */
        record CartNotFound() implements Preparation {
        }

        record Refused(UserError error) implements Preparation {
        }
    }

    Uni<Preparation> prepare(Caller caller, String cartToken, CheckoutInputs.CheckoutComplete input) {
        CheckoutInputs.CheckoutFulfilment fulfilment = input.fulfilment();
        Long storeKey = fulfilment.type() == FulfilmentType.SHIP ? null : GlobalId.tryDecode(Location.TYPE, fulfilment.storeId());
        Uni<Location> store = storeKey == null ? Uni.createFrom().nullItem() : stores.findStore(storeKey);
        // A signed-in customer who gives no email gets the account's (their token carries none).
        boolean accountEmail = caller.customerId() != null && (input.email() == null || input.email().isBlank());
        Uni<String> email = accountEmail ? customers.emailOf(caller.customerId())
                : Uni.createFrom().item(input.email() == null || input.email().isBlank() ? null : input.email().strip());
        return Uni.combine().all().unis(carts.checkoutCart(caller, cartToken, input.cartId()), store, email).asTuple().chain(t -> {
            CheckoutCart cart = t.getItem1();
            Location pickup = t.getItem2();
            String orderEmail = t.getItem3();
            if (cart == null) {
                return Uni.createFrom().item(new Preparation.CartNotFound());
            }
            if (cart.lines().isEmpty()) {
                return refused(UserError.of("CART_EMPTY", "The cart is empty", "input", "cartId"));
            }
            if (storeKey != null && pickup == null) {
                return refused(UserError.of("INVALID_PICKUP_STORE", "No store with this id", "input", "fulfilment", "storeId"));
            }
            if (pickup == null || cart.pickupSlotId() == null) {
                return priced(caller, input, cart, pickup, orderEmail, null);
            }
            if (!pickup.id().equals(cart.pickupStoreId())) {
                return refused(UserError.of("INVALID_PICKUP_SLOT", "The cart's pickup slot is at another store; choose one at this store",
                        "input", "fulfilment", "storeId"));
            }
            // Judged before payment so a slot that filled up meanwhile costs the shopper no authorization; the
            // booking in the order transaction decides.
            return pickupSlots.judge(pickup.key(), cart.pickupSlotId(), "input", "cartId").chain(choice -> choice instanceof PickupSlots.Choice.Valid valid
                    ? priced(caller, input, cart, pickup, orderEmail, valid.slot())
                    : refused(((PickupSlots.Choice.Refused) choice).error()));
        });
    }

    private Uni<Preparation> priced(Caller caller, CheckoutInputs.CheckoutComplete input, CheckoutCart cart, Location pickup,
            String email, PickupSlotId slot) {
        Set<Long> keys = new LinkedHashSet<>();
        cart.lines().forEach(l -> keys.add(l.variantKey()));
        return catalog.orderableVariants(keys).chain(variants -> {
            List<ProductVariant> ordered = new ArrayList<>();
            Map<Long, String> productNames = new HashMap<>();
            for (CheckoutCart.Line line : cart.lines()) {
                CatalogService.OrderableVariant orderable = variants.get(line.variantKey());
                if (orderable == null || !orderable.variant().active()) {
                    return refused(UserError.of("VARIANT_UNAVAILABLE",
                            "A cart line is no longer sold (line " + line.lineId() + "); remove it and try again", "input", "cartId"));
                }
                ordered.add(orderable.variant());
                productNames.put(orderable.variant().key(), orderable.productName());
            }
            List<CheckoutDiscounts.Line> discountLines = new ArrayList<>();
            for (int i = 0; i < ordered.size(); i++) {
                discountLines.add(new CheckoutDiscounts.Line(ordered.get(i).key(), ordered.get(i).productKey(),
                        cart.lines().get(i).quantity(), ordered.get(i).price().minorUnits()));
            }
            // Coupon and points reach the promotions hook, which may refuse them (Refusal, below).
            return discounts.apply(new CheckoutDiscounts.Context(cart.id(), cart.customerId(), caller.channel().name(), discountLines,
                    cart.couponCode(), input.loyaltyPoints()))
                    .map(applied -> (Preparation) new Preparation.Ready(prepared(input, cart, pickup, email, slot, ordered, productNames, applied)))
                    .onFailure(Refusal.class)
                    .recoverWithItem(failure -> new Preparation.Refused(((Refusal) failure).error()));
        });
    }

    private PreparedCheckout prepared(CheckoutInputs.CheckoutComplete input, CheckoutCart cart, Location pickup, String email, PickupSlotId slot,
            List<ProductVariant> ordered, Map<Long, String> productNames, CheckoutDiscounts.Applied applied) {
        List<CheckoutPricing.PricedLine> priced = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            priced.add(new CheckoutPricing.PricedLine(ordered.get(i).price().minorUnits(), cart.lines().get(i).quantity(),
                    applied.lineDiscountsMinor().get(i)));
        }
        CheckoutInputs.CheckoutFulfilment fulfilment = input.fulfilment();
        CheckoutInputs.ShippingAddress a = fulfilment.address();
        String country = pickup != null ? pickup.address().countryCode() : a.countryCode();
        String region = pickup != null ? pickup.address().region() : a.region();
        CheckoutPricing.Totals totals = pricing.price(priced, fulfilment.type(), country, region, applied.freeShipping(), currencyDigits);
        OrderAddress address = a == null ? null : new OrderAddress(a.firstName().strip(), a.lastName().strip(),
                a.line1().strip(), blankToNull(a.line2()), a.city().strip(), a.postalCode().strip(),
                blankToNull(a.region()), a.countryCode(), blankToNull(a.phone()));
        return new PreparedCheckout(cart, ordered, productNames, totals, pickup, slot, address, email, applied);
    }

    private static Uni<Preparation> refused(UserError error) {
        return Uni.createFrom().item(new Preparation.Refused(error));
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
