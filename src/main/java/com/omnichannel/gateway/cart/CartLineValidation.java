package com.omnichannel.gateway.cart;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.catalog.CatalogService;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;

import io.smallrye.mutiny.Uni;

/** The lines a shopper asks to add or set: quantities in range, variants that exist and are sold. */
@ApplicationScoped
class CartLineValidation {

    private final CatalogService catalog;

    CartLineValidation(CatalogService catalog) {
        this.catalog = catalog;
    }

    record Validated(Map<String, Integer> quantities, UserError error) {
    }

    /** Quantities 1..999, known sellable variants; the same variant twice is summed. */
    Uni<Validated> validate(List<CartLineInput> lines) {
        if (lines.size() > CartService.MAX_LINES) {
            return Uni.createFrom().item(new Validated(null, UserError.of("TOO_MANY_LINES",
                    "A cart can hold at most " + CartService.MAX_LINES + " different items", "input", "lines")));
        }
        Map<String, Integer> quantities = new java.util.LinkedHashMap<>();
        Set<Long> keys = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            CartLineInput line = lines.get(i);
            String index = String.valueOf(i);
            if (line == null) {
                return Uni.createFrom().item(new Validated(null, UserError.of("INVALID_LINES", "Lines must not be null", "input", "lines", index)));
            }
            if (line.quantity() < 1 || line.quantity() > CartService.MAX_QUANTITY) {
                return Uni.createFrom().item(new Validated(null, UserError.of("INVALID_QUANTITY",
                        "Quantity must be between 1 and " + CartService.MAX_QUANTITY, "input", "lines", index, "quantity")));
            }
            Long key = GlobalId.tryDecode(ProductVariant.TYPE, line.variantId());
            if (key == null) {
                return Uni.createFrom().item(new Validated(null, UserError.of("UNKNOWN_VARIANT",
                        "No product variant with this id", "input", "lines", index, "variantId")));
            }
            keys.add(key);
            int sum = quantities.getOrDefault(line.variantId(), 0) + line.quantity();
            if (sum > CartService.MAX_QUANTITY) {
                return Uni.createFrom().item(new Validated(null, UserError.of("QUANTITY_LIMIT_EXCEEDED",
                        "A line can hold at most " + CartService.MAX_QUANTITY + " units", "input", "lines", index, "quantity")));
            }
            quantities.put(line.variantId(), sum);
        }
        if (keys.isEmpty()) {
            return Uni.createFrom().item(new Validated(quantities, null));
        }
        return catalog.variantsByKeys(keys).map(found -> {
            for (int i = 0; i < lines.size(); i++) {
                ProductVariant variant = found.get(GlobalId.tryDecode(ProductVariant.TYPE, lines.get(i).variantId()));
                if (variant == null || !variant.active()) {
                    return new Validated(null, UserError.of("UNKNOWN_VARIANT", "No sellable product variant with this id",
                            "input", "lines", String.valueOf(i), "variantId"));
                }
            }
            return new Validated(quantities, null);
        });
    }
}
