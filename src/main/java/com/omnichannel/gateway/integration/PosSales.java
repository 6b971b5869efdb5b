package com.omnichannel.gateway.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.catalog.CatalogService;
import com.omnichannel.gateway.catalog.CatalogService.OrderableVariant;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.catalog.VariantKeysByReference;
import com.omnichannel.gateway.customer.Customer;
import com.omnichannel.gateway.customer.CustomerActivity;
import com.omnichannel.gateway.customer.CustomerEventKind;
import com.omnichannel.gateway.customer.CustomerService;
import com.omnichannel.gateway.inventory.InventoryService;
import com.omnichannel.gateway.inventory.StockSyncInputs;
import com.omnichannel.gateway.loyalty.LoyaltyService;
import com.omnichannel.gateway.order.NewOrder;
import com.omnichannel.gateway.order.Order;
import com.omnichannel.gateway.order.OrderPlacement;
import com.omnichannel.gateway.order.PaymentMethod;
import com.omnichannel.gateway.order.PaymentStatus;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.platform.security.Secrets;
import com.omnichannel.gateway.platform.validation.IdempotencyKey;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Over-the-counter sales from a store's POS. One transaction writes the order (channel POS, picked up and paid from
 * the start, placed at the time of the sale), earns the identified customer's points and, as its last statement,
 * takes the units from the store's on-hand: if the store has fewer available than sold, nothing is recorded. The
 * till's idempotency key makes a replay (a till that did not hear the answer, or sends its offline queue again)
 * answer with the same order.
 */
@ApplicationScoped
public class PosSales {

    static final int MAX_LINES = 100;
    /** Tills' clocks run a little fast or slow: a sale this far in the future is still taken as now. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final String KEY_PREFIX = "pos:";

    private final OrderPlacement orders;
    private final InventoryService inventory;
    private final LoyaltyService loyalty;
    private final CatalogService catalog;
    private final CustomerService customers;
    private final CustomerActivity activity;
    private final StoreService stores;
    private final Db db;
    private final Clock clock;

    public PosSales(OrderPlacement orders, InventoryService inventory, LoyaltyService loyalty, CatalogService catalog,
            CustomerService customers, CustomerActivity activity, StoreService stores, Db db, Clock clock) {
        this.orders = orders;
        this.inventory = inventory;
        this.loyalty = loyalty;
        this.catalog = catalog;
        this.customers = customers;
        this.activity = activity;
        this.stores = stores;
        this.db = db;
        this.clock = clock;
    }

    public Uni<PosSalePayload> record(Caller caller, PosSaleInputs.Record input) {
        caller.requireStaffOrIntegration();
        UserError invalid = wholeInputError(input);
        if (invalid != null) {
            return failed(invalid);
        }
        String key = KEY_PREFIX + input.idempotencyKey().strip();
        String hash = requestHash(input);
        return orders.earlier(key, hash).chain(earlier -> {
            if (earlier instanceof OrderPlacement.Earlier.SameRequest same) {
                return Uni.createFrom().item(new PosSalePayload(same.order(), List.of()));
            }
            if (earlier instanceof OrderPlacement.Earlier.OtherRequest) {
                return failed(reused());
            }
            return prepare(caller, input, key, hash);
        });
    }

    /** Everything the sale names, looked up before the transaction: store, variants, customer. */
    private Uni<PosSalePayload> prepare(Caller caller, PosSaleInputs.Record input, String key, String hash) {
        Long storeKey = GlobalId.tryDecode(Location.TYPE, input.storeId());
        Uni<Location> store = storeKey == null ? Uni.createFrom().nullItem() : stores.findStore(storeKey);
        PosSaleInputs.Customer who = input.customer();
        Uni<Customer> customer = who == null ? Uni.createFrom().nullItem() : customers.identifiedAtTill(caller, who.id(), who.email());
        return Uni.combine().all().unis(store, variantKeys(input.lines()), customer).asTuple().chain(t -> {
            Location shop = t.getItem1();
            if (shop == null) {
                return failed(UserError.of("UNKNOWN_STORE", "No store with this id", "input", "storeId"));
            }
            if (who != null && t.getItem3() == null) {
                return failed(UserError.of("INVALID_CUSTOMER", "No customer with this id or email address", "input", "customer"));
            }
            List<Long> keys = t.getItem2();
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i) == null) {
                    return failed(UserError.of("UNKNOWN_VARIANT", "No variant with this reference (give exactly one of id, sku, barcode, "
                            + "externalRef)", "input", "lines", Integer.toString(i), "variant"));
                }
            }
            return catalog.orderableVariants(new LinkedHashSet<>(keys)).chain(variants -> {
                for (int i = 0; i < keys.size(); i++) {
                    if (!variants.containsKey(keys.get(i))) {
                        return failed(UserError.of("UNKNOWN_VARIANT", "No variant with this reference", "input", "lines", Integer.toString(i), "variant"));
                    }
                }
                String currency = variants.get(keys.get(0)).variant().price().currencyCode();
                PosReceipt.Outcome outcome = receipt(input, keys, variants, currency);
                if (outcome instanceof PosReceipt.Invalid refused) {
                    return failed(refused.error());
                }
                PosReceipt receipt = ((PosReceipt.Valid) outcome).receipt();
                Caller till = new Caller(caller.subject(), caller.roles(), Channel.POS, shop.key());
                NewOrder order = newOrder(input, key, hash, shop, t.getItem3(), keys, variants, currency, receipt);
                return write(till, input, order, receipt, key, hash);
            });
        });
    }

    private Uni<PosSalePayload> write(Caller till, PosSaleInputs.Record input, NewOrder order, PosReceipt receipt, String key, String hash) {
        OffsetDateTime occurredAt = occurredAt(input.occurredAt());
        List<Long> variantKeys = order.lines().stream().map(NewOrder.Line::variantId).toList();
        List<Integer> quantities = order.lines().stream().map(NewOrder.Line::quantity).toList();
        return db.<Written>inTransaction(tx -> orders.recordStoreSale(tx, till, order, occurredAt, note(input))
                .chain(placement -> {
                    if (!(placement instanceof OrderPlacement.Placed placed)) {
                        // A replay of the same sale is being written right now: answer as the retry it is, below.
                        tx.rollBack();
                        return Uni.createFrom().item(Written.KEY_TAKEN);
                    }
                    Uni<Void> points = order.customerId() == null ? Uni.createFrom().voidItem()
                            : loyalty.earnForStoreSale(tx, till, order.customerId(), placed.orderKey(), placed.number(), receipt.total());
                    return points.chain(() -> inventory.takeForSaleThenCommit(tx, till, till.storeId(), variantKeys, quantities, placed.number()))
                            .map(taken -> {
                                if (!taken) {
                                    return Written.SHORT;
                                }
                                tx.afterCommit(() -> {
                                    orders.announceStoreSale(placed).subscribe().with(done -> {
                                    }, failure -> {
                                    });
                                    // The sale in the customer's timeline (their 360° view), like an order placed online.
                                    if (order.customerId() != null) {
                                        activity.record(order.customerId(), CustomerEventKind.ORDER_PLACED, Channel.POS, placed.number());
                                    }
                                });
                                return Written.RECORDED;
                            });
                }))
                .chain(written -> written == Written.SHORT
                        ? failed(UserError.of("INSUFFICIENT_STOCK", "The store has fewer units of a line's variant available than sold; "
                                + "count the stock (inventorySetQuantities) and send the sale again", "input", "lines"))
                        : orders.earlier(key, hash).map(earlier -> {
                            if (earlier instanceof OrderPlacement.Earlier.SameRequest same) {
                                return new PosSalePayload(same.order(), List.of());
                            }
                            // The replay it waited for rolled back (e.g. short of stock): nothing holds the key now.
                            return PosSalePayload.failed(earlier instanceof OrderPlacement.Earlier.OtherRequest ? reused()
                                    : UserError.of("CHECKOUT_CONFLICT", "A sale with this key was being recorded at the same time "
                                            + "and did not complete; send it again", "input", "idempotencyKey"));
                        }));
    }

    private enum Written { RECORDED, SHORT, KEY_TAKEN }

    // ---- input

    private UserError wholeInputError(PosSaleInputs.Record input) {
        if (!IdempotencyKey.isValid(input.idempotencyKey())) {
            return UserError.of("INVALID_IDEMPOTENCY_KEY", IdempotencyKey.RULE, "input", "idempotencyKey");
        }
        if (input.lines() == null || input.lines().isEmpty() || input.lines().size() > MAX_LINES) {
            return UserError.of("INVALID_LINES", "Give 1 to " + MAX_LINES + " lines", "input", "lines");
        }
        if (input.tenders() == null || input.tenders().isEmpty()) {
            return UserError.of("INVALID_PAYMENT", "Give at least one tender", "input", "tenders");
        }
        if (input.customer() != null && (input.customer().id() == null) == (input.customer().email() == null)) {
            return UserError.of("INVALID_CUSTOMER", "Give exactly one of the customer's id or email address", "input", "customer");
        }
        if (input.occurredAt() == null || input.occurredAt().toInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            return UserError.of("INVALID_OCCURRED_AT", "The sale cannot have happened in the future", "input", "occurredAt");
        }
        return null;
    }

    private OffsetDateTime occurredAt(OffsetDateTime stated) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return stated.isAfter(now) ? now : stated;
    }

    private static PosReceipt.Outcome receipt(PosSaleInputs.Record input, List<Long> keys, Map<Long, OrderableVariant> variants,
            String currency) {
        List<PosReceipt.Charged> charged = new ArrayList<>();
        for (int i = 0; i < input.lines().size(); i++) {
            PosSaleInputs.Line line = input.lines().get(i);
            ProductVariant variant = variants.get(keys.get(i)).variant();
            Long unit = line.unitPrice() == null ? (Long) Money.toMinor(variant.price().amount(), currency)
                    : amount(line.unitPrice(), currency);
            if (unit == null) {
                return new PosReceipt.Invalid(UserError.of("INVALID_PRICE", "A unit price is a decimal amount", "input", "lines",
                        Integer.toString(i), "unitPrice"));
            }
            Long discount = line.discount() == null ? (Long) 0L : amount(line.discount(), currency);
            if (discount == null) {
                return new PosReceipt.Invalid(UserError.of("INVALID_AMOUNT", "A discount is a decimal amount", "input", "lines",
                        Integer.toString(i), "discount"));
            }
            charged.add(new PosReceipt.Charged(unit, line.quantity() == null ? 0 : line.quantity(), discount));
        }
        Long tax = input.taxIncluded() == null ? (Long) 0L : amount(input.taxIncluded(), currency);
        if (tax == null) {
            return new PosReceipt.Invalid(UserError.of("INVALID_AMOUNT", "The tax included is a decimal amount", "input", "taxIncluded"));
        }
        List<Long> tenders = new ArrayList<>();
        for (int i = 0; i < input.tenders().size(); i++) {
            Long amount = amount(input.tenders().get(i).amount(), currency);
            if (amount == null) {
                return new PosReceipt.Invalid(UserError.of("INVALID_AMOUNT", "A tender's amount is a decimal amount", "input", "tenders",
                        Integer.toString(i), "amount"));
            }
            tenders.add(amount);
        }
        return PosReceipt.of(charged, tax, tenders);
    }

    private static Long amount(String decimal, String currency) {
        try {
            return Money.toMinor(decimal, currency);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static NewOrder newOrder(PosSaleInputs.Record input, String key, String hash, Location store, Customer customer,
            List<Long> keys, Map<Long, OrderableVariant> variants, String currency, PosReceipt receipt) {
        List<NewOrder.Line> lines = new ArrayList<>();
        List<NewOrder.Allocation> allocations = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            OrderableVariant v = variants.get(keys.get(i));
            PosReceipt.Line l = receipt.lines().get(i);
            lines.add(new NewOrder.Line(i, keys.get(i), v.variant().sku(), v.productName(), v.variant().title(), l.quantity(),
                    l.unitPrice(), l.discount(), l.tax(), l.total(), Channel.POS));
            allocations.add(new NewOrder.Allocation(store.key(), i, l.quantity()));
        }
        return new NewOrder(customer == null ? null : customer.key(), customer == null ? null : customer.email(), Channel.POS,
                List.of(Channel.POS), key, 0, FulfilmentType.PICKUP, store.key(), null, null, currency, true, receipt.subtotal(),
                receipt.discount(), 0, receipt.tax(), receipt.total(), 0, PaymentMethod.PAY_IN_STORE, PaymentStatus.PAID,
                tenderSummary(input), null, key, hash, lines, List.of(store.key()), allocations);
    }

    /** The variant key of each line from whichever reference it gives (one statement for all non-id references). */
    private Uni<List<Long>> variantKeys(List<PosSaleInputs.Line> lines) {
        Set<String> skus = new HashSet<>();
        Set<String> barcodes = new HashSet<>();
        Set<String> refs = new HashSet<>();
        for (PosSaleInputs.Line line : lines) {
            StockSyncInputs.VariantReference v = line.variant();
            if (v.id() == null) {
                if (v.sku() != null) {
                    skus.add(v.sku());
                }
                if (v.barcode() != null) {
                    barcodes.add(v.barcode());
                }
                if (v.externalRef() != null) {
                    refs.add(v.externalRef());
                }
            }
        }
        return catalog.variantKeysByReferences(skus, barcodes, refs).map(found -> lines.stream()
                .map(line -> variantKey(line.variant(), found)).toList());
    }

    private static Long variantKey(StockSyncInputs.VariantReference v, VariantKeysByReference found) {
        int given = (v.id() == null ? 0 : 1) + (v.sku() == null ? 0 : 1) + (v.barcode() == null ? 0 : 1) + (v.externalRef() == null ? 0 : 1);
        if (given != 1) {
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

    private static String tenderSummary(PosSaleInputs.Record input) {
        StringBuilder summary = new StringBuilder("POS");
        input.tenders().forEach(t -> summary.append(' ').append(t.method().name()).append(' ').append(t.amount().strip()));
        return summary.length() > 200 ? summary.substring(0, 200) : summary.toString();
    }

    private static String note(PosSaleInputs.Record input) {
        return "Sold at the store's till (" + input.tenders().stream().map(t -> t.method().name().toLowerCase(Locale.ROOT))
                .distinct().reduce((a, b) -> a + ", " + b).orElse("") + ")";
    }

    private static String requestHash(PosSaleInputs.Record input) {
        JsonArray lines = new JsonArray();
        for (PosSaleInputs.Line l : input.lines()) {
            StockSyncInputs.VariantReference v = l.variant();
            lines.add(new JsonArray().add(v.id()).add(v.sku()).add(v.barcode()).add(v.externalRef()).add(l.quantity())
                    .add(l.unitPrice()).add(l.discount()));
        }
        JsonArray tenders = new JsonArray();
        input.tenders().forEach(t -> tenders.add(new JsonArray().add(t.method().name()).add(t.amount())));
        JsonObject canonical = new JsonObject().put("store", input.storeId()).put("lines", lines).put("tenders", tenders)
                .put("tax", input.taxIncluded()).put("occurredAt", input.occurredAt().toInstant().toString())
                .put("customer", input.customer() == null ? null : new JsonArray().add(input.customer().id()).add(input.customer().email()));
        return Secrets.sha256Hex(canonical.encode());
    }

    private static UserError reused() {
        return UserError.of("IDEMPOTENCY_KEY_REUSED", "This idempotency key was used for a different sale", "input", "idempotencyKey");
    }

    private static Uni<PosSalePayload> failed(UserError error) {
        return Uni.createFrom().item(PosSalePayload.failed(error));
    }
}
