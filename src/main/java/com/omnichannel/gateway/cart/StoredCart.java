package com.omnichannel.gateway.cart;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A cart as held in Redis: who owns it, its lines (variant and quantity only: prices and stock are always read
 * live), the fulfilment preference (with the pickup slot chosen, if any), the channels that touched it and the coupon code applied (validated and
 * priced by the promotions domain on every read).
 */
record StoredCart(String id, String customerId, String tokenHash, List<StoredLine> lines, String fulfilmentType,
        String pickupStoreId, String pickupSlotId, List<String> channels, String lastChannel, long version, String createdAt,
        String updatedAt, long ttlSeconds, String couponCode) {

    /** A cart without a chosen pickup slot. */
    StoredCart(String id, String customerId, String tokenHash, List<StoredLine> lines, String fulfilmentType,
            String pickupStoreId, List<String> channels, String lastChannel, long version, String createdAt,
            String updatedAt, long ttlSeconds, String couponCode) {
        this(id, customerId, tokenHash, lines, fulfilmentType, pickupStoreId, null, channels, lastChannel, version, createdAt,
                updatedAt, ttlSeconds, couponCode);
    }

    record StoredLine(String id, String variantId, int quantity, String channel, String addedAt) {
    }

    static StoredCart fromJson(String json) {
        JsonObject o = new JsonObject(json);
        List<StoredLine> lines = new ArrayList<>();
        // An empty Lua table encodes as {}: treat any non-array as empty.
        if (o.getValue("lines") instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                JsonObject l = array.getJsonObject(i);
                lines.add(new StoredLine(l.getString("id"), l.getString("variantId"), l.getInteger("quantity"),
                        l.getString("channel"), l.getString("addedAt")));
            }
        }
        List<String> channels = new ArrayList<>();
        if (o.getValue("channels") instanceof JsonArray array) {
            array.forEach(c -> channels.add((String) c));
        }
        JsonObject fulfilment = o.getValue("fulfilment") instanceof JsonObject f ? f : new JsonObject();
        return new StoredCart(o.getString("id"), o.getString("customerId", ""), o.getString("tokenHash", ""), lines,
                fulfilment.getString("type", "SHIP"), fulfilment.getString("storeId"), fulfilment.getString("slotId"), channels,
                o.getString("lastChannel"), o.getLong("version"), o.getString("createdAt"), o.getString("updatedAt"),
                o.getLong("ttlSeconds"), o.getString("couponCode"));
    }

    String toJson() {
        JsonArray lineArray = new JsonArray();
        lines.forEach(l -> lineArray.add(new JsonObject().put("id", l.id()).put("variantId", l.variantId())
                .put("quantity", l.quantity()).put("channel", l.channel()).put("addedAt", l.addedAt())));
        JsonObject fulfilment = new JsonObject().put("type", fulfilmentType);
        if (pickupStoreId != null) {
            fulfilment.put("storeId", pickupStoreId);
        }
        if (pickupSlotId != null) {
            fulfilment.put("slotId", pickupSlotId);
        }
        return new JsonObject().put("id", id).put("customerId", customerId).put("tokenHash", tokenHash)
                .put("lines", lineArray).put("fulfilment", fulfilment).put("channels", new JsonArray(channels))
                .put("lastChannel", lastChannel).put("version", version).put("createdAt", createdAt)
                .put("updatedAt", updatedAt).put("ttlSeconds", ttlSeconds).put("couponCode", couponCode).encode();
    }
}
