package com.omnichannel.gateway.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.catalog.CatalogService;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.catalog.VariantKeysByReference;
import com.omnichannel.gateway.inventory.InventoryRepository.StockRow;
import com.omnichannel.gateway.inventory.InventoryRepository.SyncOutcomeRow;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Secrets;
import com.omnichannel.gateway.platform.validation.IdempotencyKey;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Bulk stock changes from a POS or WMS: absolute counts (with compare-and-swap) and deltas, up to 250 items a call.
 * Each item stands alone: one that is refused (stale compareQuantity, below reserved, unknown variant) is left as it
 * is and the others apply, so a large count is not lost to one level that changed meanwhile. Everything happens in
 * two statements, whatever the number of items: the first claims the idempotency key and creates missing levels,
 * the second (sent with the COMMIT) locks the levels in checkout's lock order, applies, writes the ledger and stores
 * the answer for retries.
 */
@ApplicationScoped
public class StockSync {

    public static final int MAX_ITEMS = 250;
    static final int MAX_REFERENCE = 500;

    private final InventoryRepository repository;
    private final InventoryService inventory;
    private final CatalogService catalog;
    private final StoreService stores;
    private final StockEvents events;
    private final Db db;

    public StockSync(InventoryRepository repository, InventoryService inventory, CatalogService catalog, StoreService stores,
            StockEvents events, Db db) {
        this.repository = repository;
        this.inventory = inventory;
        this.catalog = catalog;
        this.stores = stores;
        this.events = events;
        this.db = db;
    }

    /** One item as sent: which level, the quantity (absolute or delta) and the compare quantity, if any. */
    record Item(StockSyncInputs.VariantReference variant, StockSyncInputs.LocationReference location, Integer quantity,
            Integer compareQuantity) {
    }

    /** A whole call: SET (absolute counts) or ADJUST (deltas). */
    record Request(boolean set, String reason, String reference, String idempotencyKey, List<Item> items) {
        String listName() {
            return set ? "quantities" : "changes";
        }

        String quantityName() {
            return set ? "quantity" : "delta";
        }
    }

    public Uni<StockSyncPayload> setQuantities(Caller caller, StockSyncInputs.SetQuantities input) {
        caller.requireStaffOrIntegration();
        List<Item> items = input.quantities() == null ? null
                : input.quantities().stream().map(q -> new Item(q.variant(), q.location(), q.quantity(), q.compareQuantity())).toList();
        return apply(caller, new Request(true, input.reason(), input.referenceDocumentUri(), input.idempotencyKey(), items));
    }

    public Uni<StockSyncPayload> adjustQuantities(Caller caller, StockSyncInputs.AdjustQuantities input) {
        caller.requireStaffOrIntegration();
        List<Item> items = input.changes() == null ? null
                : input.changes().stream().map(c -> new Item(c.variant(), c.location(), c.delta(), null)).toList();
        return apply(caller, new Request(false, input.reason(), input.referenceDocumentUri(), input.idempotencyKey(), items));
    }

    private Uni<StockSyncPayload> apply(Caller caller, Request request) {
        UserError invalid = wholeInputError(request);
        if (invalid != null) {
            return Uni.createFrom().item(StockSyncPayload.failed(invalid));
        }
        String key = request.idempotencyKey().strip();
        String hash = requestHash(request);
        return resolve(request).chain(resolved -> {
            List<Long> variants = new ArrayList<>();
            List<Long> locations = new ArrayList<>();
            for (int i = 0; i < resolved.size(); i++) {
                if (resolved.get(i).refusal() == null) {
                    variants.add(resolved.get(i).variantKey());
                    locations.add(resolved.get(i).locationKey());
                }
            }
            String operation = request.set() ? "SET" : "ADJUST";
            return db.<List<SyncOutcomeRow>>inTransaction(tx -> repository.claimSyncKey(tx, key, operation, hash, caller.actor(), variants, locations)
                    .chain(claimed -> {
                        if (!claimed) {
                            tx.rollBack();
                            return Uni.createFrom().nullItem();
                        }
                        return repository.applySyncThenCommit(tx, key, request.set(), positions(resolved), column(resolved, Resolved::variantKey),
                                column(resolved, Resolved::locationKey), column(resolved, Resolved::quantity),
                                column(resolved, Resolved::compareQuantity), column(resolved, Resolved::refusal),
                                InventoryService.MAX_QUANTITY, request.set() ? StockMovementKind.COUNT : StockMovementKind.ADJUSTMENT,
                                request.reason().strip(), caller.actor(), caller.channel(), blankToNull(request.reference()))
                                .invoke(outcomes -> tx.afterCommit(() -> publish(outcomes)));
                    }))
                    .chain(outcomes -> outcomes != null ? payload(request, outcomes) : earlier(request, key, hash));
        });
    }

    /** The key was claimed before: the same request gets the stored answer, another one a user error. */
    private Uni<StockSyncPayload> earlier(Request request, String key, String hash) {
        return repository.syncRequest(key).chain(stored -> {
            if (stored == null || !stored.requestHash().equals(hash)) {
                return Uni.createFrom().item(StockSyncPayload.failed(UserError.of("IDEMPOTENCY_KEY_REUSED",
                        "This idempotency key was used for a different request", "input", "idempotencyKey")));
            }
            List<SyncOutcomeRow> outcomes = new ArrayList<>();
            JsonArray result = stored.result();
            for (int i = 0; i < result.size(); i++) {
                outcomes.add(InventoryRepository.syncOutcome(result.getJsonObject(i)));
            }
            return payload(request, outcomes);
        });
    }

    private void publish(List<SyncOutcomeRow> outcomes) {
        List<StockRow> before = new ArrayList<>();
        List<StockRow> after = new ArrayList<>();
        for (SyncOutcomeRow o : outcomes) {
            if (o.changed()) {
                before.add(o.before());
                after.add(o.after());
            }
        }
        if (!after.isEmpty()) {
            events.publish(before, after);
        }
    }

    private Uni<StockSyncPayload> payload(Request request, List<SyncOutcomeRow> outcomes) {
        Set<Long> locationKeys = new LinkedHashSet<>();
        outcomes.stream().filter(o -> o.after() != null).forEach(o -> locationKeys.add(o.locationKey()));
        return stores.locationsByKeys(locationKeys).map(locations -> {
            List<StockLevel> levels = new ArrayList<>();
            List<UserError> errors = new ArrayList<>();
            int changed = 0;
            for (SyncOutcomeRow o : outcomes) {
                if (o.refusal() != null) {
                    errors.add(itemError(request, o.position(), o.refusal()));
                    continue;
                }
                Location location = locations.get(o.locationKey());
                if (location != null) {
                    levels.add(inventory.level(o.after(), location));
                }
                if (o.changed()) {
                    changed++;
                }
            }
            return new StockSyncPayload(levels, changed, errors);
        });
    }

    // ---- input

    private static UserError wholeInputError(Request request) {
        if (!IdempotencyKey.isValid(request.idempotencyKey())) {
            return UserError.of("INVALID_IDEMPOTENCY_KEY", IdempotencyKey.RULE, "input", "idempotencyKey");
        }
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty() || reason.length() > InventoryService.MAX_REASON) {
            return UserError.of("INVALID_REASON", "A reason of 1 to " + InventoryService.MAX_REASON + " characters is required",
                    "input", "reason");
        }
        if (request.reference() != null && request.reference().length() > MAX_REFERENCE) {
            return UserError.of("TOO_LONG", "The reference document URI has at most " + MAX_REFERENCE + " characters",
                    "input", "referenceDocumentUri");
        }
        if (request.items() == null || request.items().isEmpty() || request.items().size() > MAX_ITEMS) {
            return UserError.of("INVALID_LINES", "Give 1 to " + MAX_ITEMS + " items", "input", request.listName());
        }
        return null;
    }

    /** An item with its level's keys, or the reason it is refused before any stock is read. */
    record Resolved(int position, Long variantKey, Long locationKey, Integer quantity, Integer compareQuantity, String refusal) {
        Resolved refused(String code) {
            return new Resolved(position, variantKey, locationKey, quantity, compareQuantity, code);
        }
    }

    /** Each item's variant and location keys from whichever reference it gives (one statement for the variants). */
    private Uni<List<Resolved>> resolve(Request request) {
        Set<String> skus = new HashSet<>();
        Set<String> barcodes = new HashSet<>();
        Set<String> variantRefs = new HashSet<>();
        Set<String> locationRefs = new HashSet<>();
        for (Item item : request.items()) {
            StockSyncInputs.VariantReference v = item.variant();
            if (v != null && v.id() == null) {
                addIfPresent(skus, v.sku());
                addIfPresent(barcodes, v.barcode());
                addIfPresent(variantRefs, v.externalRef());
            }
            if (item.location() != null && item.location().id() == null) {
                addIfPresent(locationRefs, item.location().externalRef());
            }
        }
        Uni<VariantKeysByReference> variantKeys = catalog.variantKeysByReferences(skus, barcodes, variantRefs);
        Uni<Map<String, Long>> locationKeys = locationRefs.isEmpty() ? Uni.createFrom().item(Map.of())
                : stores.locationKeysByExternalRefs(locationRefs);
        Set<Long> byId = new HashSet<>();
        for (Item item : request.items()) {
            if (item.location() != null && item.location().id() != null && item.location().externalRef() == null) {
                Long k = GlobalId.tryDecode(Location.TYPE, item.location().id());
                if (k != null) {
                    byId.add(k);
                }
            }
        }
        Uni<Map<Long, Location>> known = stores.locationsByKeys(byId);
        return Uni.combine().all().unis(variantKeys, locationKeys, known).asTuple().map(t -> {
            List<Resolved> result = new ArrayList<>();
            Map<List<Long>, Integer> firstAt = new HashMap<>();
            Set<List<Long>> duplicated = new HashSet<>();
            for (int i = 0; i < request.items().size(); i++) {
                Item item = request.items().get(i);
                Long variant = variantKey(item.variant(), t.getItem1());
                Long location = locationKey(item.location(), t.getItem2(), t.getItem3());
                Resolved r = new Resolved(i, variant, location, item.quantity(), item.compareQuantity(), null);
                r = r.refused(itemRefusal(request, item, variant, location));
                if (r.refusal() == null) {
                    List<Long> level = List.of(variant, location);
                    if (firstAt.putIfAbsent(level, i) != null) {
                        duplicated.add(level);
                    }
                }
                result.add(r);
            }
            // Every item naming a level named twice is refused: which of them was meant cannot be told.
            return result.stream().map(r -> r.refusal() == null && duplicated.contains(List.of(r.variantKey(), r.locationKey()))
                    ? r.refused("DUPLICATE_STOCK_ITEM") : r).toList();
        });
    }

    private static String itemRefusal(Request request, Item item, Long variant, Long location) {
        if (variant == null) {
            return "UNKNOWN_VARIANT";
        }
        if (location == null) {
            return "UNKNOWN_LOCATION";
        }
        Integer q = item.quantity();
        if (q == null) {
            return "INVALID_QUANTITY";
        }
        if (request.set()) {
            if (q < 0) {
                return "NEGATIVE_STOCK";
            }
            if (q > InventoryService.MAX_QUANTITY || (item.compareQuantity() != null && item.compareQuantity() < 0)) {
                return "INVALID_QUANTITY";
            }
        } else if (q == 0 || Math.abs((long) q) > InventoryService.MAX_QUANTITY) {
            return "INVALID_QUANTITY";
        }
        return null;
    }

    private static Long variantKey(StockSyncInputs.VariantReference v, VariantKeysByReference found) {
        if (v == null || count(v.id(), v.sku(), v.barcode(), v.externalRef()) != 1) {
            return null;
        }
        if (v.id() != null) {
            return GlobalId.tryDecode(ProductVariant.TYPE, v.id());
        }
        if (v.sku() != null) {
            return found.bySku().get(v.sku());
        }
        return v.barcode() != null ? found.byBarcode().get(v.barcode()) : found.byExternalRef().get(v.externalRef());
    }

    private static Long locationKey(StockSyncInputs.LocationReference l, Map<String, Long> byRef, Map<Long, Location> known) {
        if (l == null || count(l.id(), l.externalRef()) != 1) {
            return null;
        }
        if (l.id() != null) {
            Long key = GlobalId.tryDecode(Location.TYPE, l.id());
            return key != null && known.containsKey(key) ? key : null;
        }
        return byRef.get(l.externalRef());
    }

    private static UserError itemError(Request request, int position, String code) {
        String list = request.listName();
        String index = Integer.toString(position);
        return switch (code) {
            case "UNKNOWN_VARIANT" -> UserError.of(code, "No variant with this reference (give exactly one of id, sku, barcode, externalRef)",
                    "input", list, index, "variant");
            case "UNKNOWN_LOCATION" -> UserError.of(code, "No location with this reference (give exactly one of id, externalRef)",
                    "input", list, index, "location");
            case "COMPARE_QUANTITY_MISMATCH" -> UserError.of(code, "The on-hand quantity is no longer compareQuantity; this item was not changed",
                    "input", list, index, "compareQuantity");
            case "NEGATIVE_STOCK" -> UserError.of(code, "On-hand cannot fall below zero; this item was not changed",
                    "input", list, index, request.quantityName());
            case "BELOW_RESERVED" -> UserError.of(code, "On-hand cannot fall below the units reserved for orders; this item was not changed",
                    "input", list, index, request.quantityName());
            case "DUPLICATE_STOCK_ITEM" -> UserError.of(code, "Another item names the same variant at the same location; neither was changed",
                    "input", list, index);
            default -> UserError.of("INVALID_QUANTITY", request.set()
                    ? "Quantities are 0 to " + InventoryService.MAX_QUANTITY + "; this item was not changed"
                    : "Deltas are non-zero and at most " + InventoryService.MAX_QUANTITY + " either way; this item was not changed",
                    "input", list, index, request.quantityName());
        };
    }

    private static String requestHash(Request request) {
        JsonArray items = new JsonArray();
        for (Item item : request.items()) {
            StockSyncInputs.VariantReference v = item.variant();
            StockSyncInputs.LocationReference l = item.location();
            items.add(new JsonArray().add(v == null ? null : v.id()).add(v == null ? null : v.sku()).add(v == null ? null : v.barcode())
                    .add(v == null ? null : v.externalRef()).add(l == null ? null : l.id()).add(l == null ? null : l.externalRef())
                    .add(item.quantity()).add(item.compareQuantity()));
        }
        return Secrets.sha256Hex(new JsonObject().put("set", request.set()).put("reason", request.reason().strip())
                .put("reference", blankToNull(request.reference())).put("items", items).encode());
    }

    private static List<Integer> positions(List<Resolved> resolved) {
        return resolved.stream().map(Resolved::position).toList();
    }

    private static <T> List<T> column(List<Resolved> resolved, java.util.function.Function<Resolved, T> value) {
        List<T> result = new ArrayList<>(resolved.size());
        resolved.forEach(r -> result.add(value.apply(r)));
        return result;
    }

    private static int count(String... values) {
        int n = 0;
        for (String v : values) {
            if (v != null) {
                n++;
            }
        }
        return n;
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null) {
            set.add(value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
