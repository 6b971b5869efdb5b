package com.omnichannel.gateway.checkout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.cart.CartService;
import com.omnichannel.gateway.catalog.CatalogConfig;
import com.omnichannel.gateway.checkout.CheckoutPreparation.Preparation;
import com.omnichannel.gateway.checkout.payment.PaymentProvider;
import com.omnichannel.gateway.checkout.payment.PaymentProviders;
import com.omnichannel.gateway.checkout.payment.PaymentRequest;
import com.omnichannel.gateway.checkout.payment.PaymentResult;
import com.omnichannel.gateway.customer.CustomerActivity;
import com.omnichannel.gateway.customer.CustomerErasures;
import com.omnichannel.gateway.customer.CustomerEventKind;
import com.omnichannel.gateway.order.OrderPlacement;
import com.omnichannel.gateway.order.PaymentStatus;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.Refusal;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ratelimit.RateLimiter;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Secrets;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Checkout: turns a cart into an order, idempotently (a client-supplied key), with all-or-nothing stock reservation
 * and payment. Reads top to bottom: rate limits, input rules, a retry's replay, preparation (cart, store, catalog,
 * discounts, totals), payment authorization, the order transaction, then the work after its commit.
 */
@ApplicationScoped
public class CheckoutService {

    private static final Logger LOG = Logger.getLogger(CheckoutService.class);

    private final RateLimiter limiter;
    private final RateLimiter.Limit checkoutsPerShopper;
    private final RateLimiter.Limit checkoutsPerAddress;
    private final CheckoutValidation validation;
    private final CustomerErasures erasures;
    private final OrderPlacement orders;
    private final CheckoutPreparation preparation;
    private final PaymentProviders providers;
    private final CheckoutTransaction transaction;
    private final CartService carts;
    private final CustomerActivity activity;
    private final CheckoutTenders tenders;
    private final String currency;

    public CheckoutService(RateLimiter limiter, CheckoutPricing pricing, CustomerErasures erasures, OrderPlacement orders,
            CheckoutPreparation preparation, PaymentProviders providers, CheckoutTransaction transaction,
            CartService carts, CustomerActivity activity, CheckoutTenders tenders, CatalogConfig catalogConfig) {
        this.limiter = limiter;
        this.checkoutsPerShopper = limiter.limit("checkout-attempts", 20, Duration.ofMinutes(10));
        this.checkoutsPerAddress = limiter.limit("checkout-attempts-per-address", 300, Duration.ofMinutes(10));
        this.providers = providers;
        this.validation = new CheckoutValidation(pricing::shipsTo, providers.methods());
        this.erasures = erasures;
        this.orders = orders;
        this.preparation = preparation;
        this.transaction = transaction;
        this.carts = carts;
        this.activity = activity;
        this.tenders = tenders;
        this.currency = catalogConfig.currency();
    }

    /**
     * Places an order, counting the attempt first: per signed-in customer (or, for guests, per cart) and per client
     * address, so neither one shopper nor one address can hammer checkout (e.g. to probe card numbers).
     */
    public Uni<CheckoutPayload> checkout(Caller caller, String cartToken, String clientAddressKey, CheckoutInputs.CheckoutComplete input) {
        String shopper = caller.customerId() != null ? "sub:" + caller.subject() : "cart:" + input.cartId();
        return Uni.join().all(limiter.enforce(checkoutsPerShopper, shopper), limiter.enforce(checkoutsPerAddress, clientAddressKey))
                .andFailFast()
                .chain(() -> attempt(caller, cartToken, input))
                .map(CheckoutOutcome::payload);
    }

    private Uni<CheckoutOutcome> attempt(Caller caller, String cartToken, CheckoutInputs.CheckoutComplete input) {
        UserError invalid = validation.check(input, caller.customerId() != null);
        if (invalid != null) {
            return refused(invalid);
        }
        String key = input.idempotencyKey().strip();
        String requestHash = requestHash(caller, input);
        // A retry of a checkout that succeeded finds its order by key, even though the cart is gone by now. A customer
        // who erased their account may still hold an access token: it places no order.
        return erasures.requireNotErased(caller)
                .chain(() -> orders.earlier(key, requestHash))
                .chain(earlier -> earlier instanceof OrderPlacement.Earlier.None
                        ? prepareAndPay(caller, cartToken, input, key, requestHash)
                        : Uni.createFrom().item(asRetry(earlier, null)));
    }

    private Uni<CheckoutOutcome> prepareAndPay(Caller caller, String cartToken, CheckoutInputs.CheckoutComplete input, String key,
            String requestHash) {
        return preparation.prepare(caller, cartToken, input).chain(prepared -> {
            if (prepared instanceof Preparation.CartNotFound) {
                // The cart may be gone because a concurrent retry with this key has just turned it into the order.
                return answeredAsRetryOr(key, requestHash, new CheckoutOutcome.Refused(UserError.of("CART_NOT_FOUND",
                        "No cart with this id: it may have expired or already become an order", "input", "cartId")));
            }
            if (prepared instanceof Preparation.Refused refusal) {
                return refused(refusal.error());
            }
            return payAndPlace(caller, input, key, requestHash, ((Preparation.Ready) prepared).checkout());
        });
    }

    /** Store credit and gift cards first; the payment method pays what they leave. */
    private Uni<CheckoutOutcome> payAndPlace(Caller caller, CheckoutInputs.CheckoutComplete input, String key, String requestHash,
            PreparedCheckout prepared) {
        long total = prepared.totals().totalMinor();
        return tenders.apply(new CheckoutTenders.Context(caller.customerId(), caller.channel().name(), total, currency,
                input.storeCreditAmount(), input.giftCards()))
                .chain(applied -> pay(caller, input, key, requestHash, prepared, applied, total - applied.totalMinor()))
                .onFailure(Refusal.class).recoverWithItem(failure -> new CheckoutOutcome.Refused(((Refusal) failure).error()));
    }

    private Uni<CheckoutOutcome> pay(Caller caller, CheckoutInputs.CheckoutComplete input, String key, String requestHash,
            PreparedCheckout prepared, CheckoutTenders.Applied applied, long remainderMinor) {
        PaymentProvider provider = providers.of(input.payment().method());
        CheckoutInputs.Card card = input.payment().card();
        PaymentRequest request = new PaymentRequest(key, remainderMinor, currency,
                input.fulfilment().type(), card == null ? null
                        : new PaymentRequest.Card(card.number(), card.expiryMonth(), card.expiryYear(), card.cvc()));
        PaymentProvider.PaymentProblem problem = provider.validate(request);
        if (remainderMinor == 0 && !applied.tenders().isEmpty()) {
            // The tenders pay everything: nothing to authorize or to take at the till, so card details are not needed;
            // the method must still suit the order (no paying in store for a shipped order).
            if (problem != null && "method".equals(problem.field())) {
                return refused(UserError.of(problem.code(), problem.message(), "input", "payment", "method"));
            }
            PaymentResult covered = new PaymentResult(true, PaymentStatus.PAID, "tenders:" + key, null, null);
            return place(caller, input, key, requestHash, prepared, applied, provider, covered);
        }
        if (problem != null) {
            return refused(UserError.of(problem.code(), problem.message(), fieldPath("input", "payment", problem.field())));
        }
        return provider.authorize(request).chain(payment -> {
            if (!payment.approved()) {
                return refused(UserError.of("PAYMENT_DECLINED", "The payment was declined (" + payment.declineCode() + ")",
                        "input", "payment"));
            }
            return place(caller, input, key, requestHash, prepared, applied, provider, payment);
        });
    }

    private Uni<CheckoutOutcome> place(Caller caller, CheckoutInputs.CheckoutComplete input, String key, String requestHash,
            PreparedCheckout prepared, CheckoutTenders.Applied applied, PaymentProvider provider, PaymentResult payment) {
        return transaction.place(new CheckoutTransaction.PaidCheckout(caller, input, key, requestHash, prepared, applied, payment))
                .onFailure(failure -> !(failure instanceof ApiException)).invoke(failure -> provider
                        .voidAuthorization(payment.reference()).subscribe().with(ok -> {
                        }, e -> LOG.warnf(e, "Cannot void payment %s", payment.reference())))
                .chain(attempt -> settled(caller, prepared, provider, payment, key, requestHash, attempt));
    }

    /**
     * After the order transaction: a placed order's work after the commit; otherwise the authorization is voided, and
     * a contended attempt is answered as a retry when a concurrent request with this key placed the order.
     */
    private Uni<CheckoutOutcome> settled(Caller caller, PreparedCheckout prepared, PaymentProvider provider, PaymentResult payment,
            String key, String requestHash, OrderAttempt attempt) {
        if (attempt instanceof OrderAttempt.Placed placed) {
            return afterCommit(caller, prepared, placed.order());
        }
        Uni<Void> voided = provider.voidAuthorization(payment.reference());
        if (attempt instanceof OrderAttempt.Refused refusal) {
            return voided.replaceWith(new CheckoutOutcome.Refused(refusal.error()));
        }
        return voided.chain(() -> answeredAsRetryOr(key, requestHash, ((OrderAttempt.Contended) attempt).otherwise()));
    }

    /** Empties the cart and tells subscribers, both at once; then the customer's activity and the answer. */
    private Uni<CheckoutOutcome> afterCommit(Caller caller, PreparedCheckout prepared, OrderPlacement.Placed placed) {
        String cartId = prepared.cart().id();
        return Uni.join().all(
                carts.checkedOut(cartId).onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "Order %s placed but its cart %s could not be removed", placed.number(), cartId);
                    return null;
                }),
                orders.announce(placed)).andCollectFailures()
                .invoke(() -> activity.recordFor(caller, CustomerEventKind.ORDER_PLACED, placed.number()))
                .chain(() -> orders.asWritten(placed))
                .map(CheckoutOutcome.Placed::new);
    }

    /** Answers as a retry would be answered when an order with this key exists, otherwise with {@code otherwise}. */
    private Uni<CheckoutOutcome> answeredAsRetryOr(String key, String requestHash, CheckoutOutcome otherwise) {
        return orders.earlier(key, requestHash).map(earlier -> asRetry(earlier, otherwise));
    }

    private static CheckoutOutcome asRetry(OrderPlacement.Earlier earlier, CheckoutOutcome otherwise) {
        if (earlier instanceof OrderPlacement.Earlier.SameRequest same) {
            return new CheckoutOutcome.Replayed(same.order());
        }
        if (earlier instanceof OrderPlacement.Earlier.OtherRequest) {
            return new CheckoutOutcome.Refused(UserError.of("IDEMPOTENCY_KEY_REUSED",
                    "This idempotency key was used for a different checkout; use a new key for a new checkout", "input", "idempotencyKey"));
        }
        return otherwise;
    }

    /** What makes two checkouts with one key the same request: a retry must send the same. */
    private static String requestHash(Caller caller, CheckoutInputs.CheckoutComplete input) {
        JsonObject canonical = new JsonObject()
                .put("caller", caller.subject())
                .put("cartId", input.cartId())
                .put("email", input.email() == null ? null : input.email().strip().toLowerCase(Locale.ROOT))
                .put("type", input.fulfilment().type().name())
                .put("storeId", input.fulfilment().storeId())
                .put("address", input.fulfilment().address() == null ? null : JsonObject.mapFrom(input.fulfilment().address()))
                .put("curbsideNote", input.fulfilment().curbsideNote())
                .put("method", input.payment().method().name())
                .put("card", input.payment().card() == null ? null : Secrets.sha256Hex(input.payment().card().number().replaceAll("[\\s-]", "")
                        + "|" + input.payment().card().expiryMonth() + "/" + input.payment().card().expiryYear()));
        if (input.loyaltyPoints() != null) {
            // Only when given, so the hashes of orders placed without points stay as they were.
            canonical.put("loyaltyPoints", input.loyaltyPoints());
        }
        if (input.storeCreditAmount() != null) {
            canonical.put("storeCreditAmount", input.storeCreditAmount().strip());
        }
        if (!input.giftCards().isEmpty()) {
            // Codes are secrets: the hash holds their digests, normalised as they are looked up.
            canonical.put("giftCards", input.giftCards().stream()
                    .map(code -> code == null ? null : Secrets.sha256Hex(code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT))).toList());
        }
        return Secrets.sha256Hex(canonical.encode());
    }

    private static Uni<CheckoutOutcome> refused(UserError error) {
        return Uni.createFrom().item(new CheckoutOutcome.Refused(error));
    }

    private static String[] fieldPath(String... parts) {
        List<String> path = new ArrayList<>();
        for (String part : parts) {
            path.addAll(List.of(part.split("\\.")));
        }
        return path.toArray(String[]::new);
    }
}
