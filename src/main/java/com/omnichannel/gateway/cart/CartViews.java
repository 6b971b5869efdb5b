package com.omnichannel.gateway.cart;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.catalog.CatalogConfig;
import com.omnichannel.gateway.catalog.CatalogService;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.inventory.InventoryService;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.platform.time.UtcTimestamps;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.PickupSlots;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Uni;

/**
 * The live view of a stored cart: prices and availability read from the catalog and stock at the moment of
 * reading (never copied into the cart), with a warning for every line that could not be bought as it stands.
 */
@ApplicationScoped
class CartViews {

    private final CatalogService catalog;
    private final InventoryService inventory;
    private final StoreService stores;
    private final PickupSlots pickupSlots;
    private final String currency;

    CartViews(CatalogService catalog, InventoryService inventory, StoreService stores, PickupSlots pickupSlots,
            CatalogConfig catalogConfig) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.stores = stores;
        this.pickupSlots = pickupSlots;
        this.currency = catalogConfig.currency();
    }

    /**
     * The cart as shoppers see it: stored lines with live prices and availability for its fulfilment.
     *
     * @param channel the channel it is read through (channel-limited promotions depend on it)
     */
    Uni<Cart> of(StoredCart stored, Channel channel) {
        // Each line's variant key, decoded once (base64 and a number: a hundredth of an add-to-cart when done twice).
        List<Long> lineKeys = new ArrayList<>(stored.lines().size());
        stored.lines().forEach(l -> lineKeys.add(GlobalId.tryDecode(ProductVariant.TYPE, l.variantId())));
        Set<Long> keys = new LinkedHashSet<>(lineKeys);
        Long pickupKey = stored.pickupStoreId() == null ? null : GlobalId.tryDecode(Location.TYPE, stored.pickupStoreId());
        Uni<Location> pickup = pickupKey == null ? Uni.createFrom().nullItem()
                : stores.findLocation(pickupKey);
        return Uni.combine().all().unis(catalog.variantsByKeys(keys), pickup).asTuple().chain(t -> {
            Map<Long, ProductVariant> variants = t.getItem1();
            List<ProductVariant> ordered = new ArrayList<>(lineKeys.size());
            lineKeys.forEach(key -> ordered.add(variants.get(key)));
            List<ProductVariant> present = ordered.stream().filter(v -> v != null).toList();
            return inventory.availableFor(present, pickupKey).map(available -> {
                Map<Long, Integer> availableByKey = new java.util.HashMap<>();
                for (int i = 0; i < present.size(); i++) {
                    availableByKey.put(present.get(i).key(), available.get(i));
                }
                return assemble(stored, ordered, availableByKey, t.getItem2(), channel);
            });
        });
    }

    /** The same view as read through another channel (what channel-limited promotions give depends on it). */
    static Cart readThrough(Cart cart, Channel channel) {
        CartLine.Owner owner = new CartLine.Owner();
        List<CartLine> lines = cart.lines().stream().map(l -> new CartLine(l.id(), l.variant(), l.quantity(), l.addedFrom(),
                l.channel(), l.addedAt(), l.unitPrice(), l.subtotal(), l.lineTotal(), l.available(), l.warnings(), owner)).toList();
        return owned(owner, new Cart(cart.id(), lines, cart.itemCount(), cart.subtotal(), cart.fulfilment(), cart.channels(),
                cart.lastChannel(), cart.version(), cart.createdAt(), cart.updatedAt(), cart.warnings(), cart.couponCode(),
                cart.customerId(), channel));
    }

    private static Cart owned(CartLine.Owner owner, Cart cart) {
        owner.set(cart);
        return cart;
    }

    private Cart assemble(StoredCart stored, List<ProductVariant> variants, Map<Long, Integer> available, Location pickup,
            Channel channel) {
        List<CartLine> lines = new ArrayList<>();
        CartLine.Owner owner = new CartLine.Owner();
        List<CartWarning> cartWarnings = new ArrayList<>();
        long subtotal = 0;
        int itemCount = 0;
        for (int i = 0; i < stored.lines().size(); i++) {
            StoredCart.StoredLine line = stored.lines().get(i);
            ProductVariant variant = variants.get(i);
            List<CartWarning> warnings = new ArrayList<>();
            Money unitPrice = null;
            Money lineSubtotal = null;
            int availableNow = 0;
            if (variant == null || !variant.active()) {
                warnings.add(new CartWarning("VARIANT_UNAVAILABLE", "This item is no longer sold"));
            } else {
                unitPrice = variant.price();
                long total = unitPrice.minorUnits() * line.quantity();
                lineSubtotal = Money.ofMinor(total, unitPrice.currencyCode());
                subtotal += total;
                availableNow = available.getOrDefault(variant.key(), 0);
                if (line.quantity() > availableNow) {
                    warnings.add(new CartWarning("NOT_ENOUGH_STOCK", pickup != null
                            ? "Only " + availableNow + " available at " + pickup.name()
                            : "Only " + availableNow + " available"));
                }
            }
            itemCount += line.quantity();
            cartWarnings.addAll(warnings);
            Channel addedFrom = Channel.valueOf(line.channel());
            lines.add(new CartLine(line.id(), variant, line.quantity(), addedFrom, addedFrom,
                    UtcTimestamps.parse(line.addedAt()), unitPrice, lineSubtotal, lineSubtotal, availableNow, warnings, owner));
        }
        if (stored.pickupStoreId() != null && pickup == null) {
            cartWarnings.add(new CartWarning("PICKUP_STORE_UNAVAILABLE", "The chosen pickup store is no longer available"));
        }
        FulfilmentType type = FulfilmentType.valueOf(stored.fulfilmentType());
        boolean collected = pickup != null && type != FulfilmentType.SHIP;
        CartFulfilment fulfilment = new CartFulfilment(type, pickup, collected ? stores.pickupReadyBy(pickup) : null,
                collected ? pickupSlots.window(pickup, stored.pickupSlotId()) : null);
        return owned(owner, new Cart(stored.id(), lines, itemCount, Money.ofMinor(subtotal, currency), fulfilment,
                stored.channels().stream().map(Channel::valueOf).toList(),
                stored.lastChannel() == null ? null : Channel.valueOf(stored.lastChannel()), stored.version(),
                UtcTimestamps.parse(stored.createdAt()), UtcTimestamps.parse(stored.updatedAt()), cartWarnings,
                stored.couponCode(), stored.customerId().isEmpty() ? null : stored.customerId(), channel));
    }
}
