package com.omnichannel.gateway.cart;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

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

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * The cart from the JSON text Redis holds (written by {@link #toJson()} or by the store's scripts). Read with a
     * streaming parser straight into the cart: reading it into JSON objects first was about a twentieth of the CPU of
     * an add-to-cart. A key that is absent takes its default ({@code customerId} and {@code tokenHash} empty, the
     * fulfilment type SHIP), a key that is null is null, and an empty table from a script ({@code {}}) is an empty
     * list.
     */
    static StoredCart fromJson(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken cart = parser.nextToken();
            if (cart != JsonToken.START_OBJECT) {
                throw new IllegalStateException("A stored cart is not a JSON object");
            }
            String id = null, customerId = "", tokenHash = "", lastChannel = null, createdAt = null, updatedAt = null,
                    couponCode = null;
            String fulfilmentType = "SHIP", pickupStoreId = null, pickupSlotId = null;
            Long version = null, ttlSeconds = null;
            List<StoredLine> lines = new ArrayList<>();
            List<String> channels = new ArrayList<>(2);
            while (nextField(parser, cart)) {
                JsonToken value = parser.currentToken();
                switch (parser.currentName()) {
                    case "id" -> id = text(parser);
                    case "customerId" -> customerId = text(parser);
                    case "tokenHash" -> tokenHash = text(parser);
                    case "lastChannel" -> lastChannel = text(parser);
                    case "createdAt" -> createdAt = text(parser);
                    case "updatedAt" -> updatedAt = text(parser);
                    case "couponCode" -> couponCode = text(parser);
                    case "version" -> version = value == JsonToken.VALUE_NULL ? null : parser.getValueAsLong();
                    case "ttlSeconds" -> ttlSeconds = value == JsonToken.VALUE_NULL ? null : parser.getValueAsLong();
                    case "lines" -> {
                        while (nextInArray(parser, value)) {
                            lines.add(line(parser));
                        }
                    }
                    case "channels" -> {
                        while (nextInArray(parser, value)) {
                            channels.add(text(parser));
                        }
                    }
                    case "fulfilment" -> {
                        while (nextField(parser, value)) {
                            switch (parser.currentName()) {
                                case "type" -> fulfilmentType = text(parser);
                                case "storeId" -> pickupStoreId = text(parser);
                                case "slotId" -> pickupSlotId = text(parser);
                                default -> parser.skipChildren();
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (version == null || ttlSeconds == null) {
                throw new IllegalStateException("A stored cart without its version or time to live");
            }
            return new StoredCart(id, customerId, tokenHash, lines, fulfilmentType, pickupStoreId, pickupSlotId, channels,
                    lastChannel, version, createdAt, updatedAt, ttlSeconds, couponCode);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable stored cart", e);
        }
    }

    private static StoredLine line(JsonParser parser) throws IOException {
        JsonToken line = parser.currentToken();
        if (line != JsonToken.START_OBJECT) {
            throw new IllegalStateException("A stored cart line is not a JSON object");
        }
        String id = null, variantId = null, channel = null, addedAt = null;
        Integer quantity = null;
        while (nextField(parser, line)) {
            JsonToken value = parser.currentToken();
            switch (parser.currentName()) {
                case "id" -> id = text(parser);
                case "variantId" -> variantId = text(parser);
                case "channel" -> channel = text(parser);
                case "addedAt" -> addedAt = text(parser);
                case "quantity" -> quantity = value == JsonToken.VALUE_NULL ? null : parser.getValueAsInt();
                default -> parser.skipChildren();
            }
        }
        if (quantity == null) {
            throw new IllegalStateException("A stored cart line without its quantity");
        }
        return new StoredLine(id, variantId, quantity, channel, addedAt);
    }

    /**
     * Moves to the next element of the array {@code value} opened; false at its end, and at once (having passed over
     * it) when {@code value} is not an array: an empty table from a script is {@code {}}.
     */
    private static boolean nextInArray(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return false;
        }
        return parser.nextToken() != JsonToken.END_ARRAY;
    }

    /** Moves to the value of the next field of the object {@code value} opened; false at its end or when not an object. */
    private static boolean nextField(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return false;
        }
        if (parser.nextToken() != JsonToken.FIELD_NAME) {
            return false;
        }
        parser.nextToken();
        return true;
    }

    private static String text(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            throw new IllegalStateException("A stored cart holds a structure where it holds text: " + parser.currentName());
        }
        return token == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
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
