package com.omnichannel.gateway.returns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.credit.StoreCreditService;
import com.omnichannel.gateway.order.OrderEventKind;
import com.omnichannel.gateway.order.OrderReturns;
import com.omnichannel.gateway.order.OrderReturns.ReturnableOrder;
import com.omnichannel.gateway.order.PaymentStatus;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.returns.ReturnChanges.Outcome;
import com.omnichannel.gateway.returns.ReturnPayloads.RefundPayload;
import com.omnichannel.gateway.returns.ReturnRepository.RefundRow;
import com.omnichannel.gateway.returns.ReturnRepository.ReturnRow;

import io.smallrye.mutiny.Uni;

/**
 * Refunds of received returns: to the original payment (through its provider), store credit or cash; never more than
 * is left on the return, nor more than the order was paid across all its refunds (checked with the order locked, so
 * concurrent refunds pay one after the other); idempotent by the client's key.
 */
@ApplicationScoped
public class ReturnRefunds {

    private final ReturnRepository repository;
    private final ReturnChanges changes;
    private final ReturnQueries queries;
    private final OrderReturns orders;
    private final StoreCreditService storeCredit;
    private final ReturnOutboxEvents outbox;

    ReturnRefunds(ReturnRepository repository, ReturnChanges changes, ReturnQueries queries, OrderReturns orders, StoreCreditService storeCredit,
            ReturnOutboxEvents outbox) {
        this.repository = repository;
        this.changes = changes;
        this.queries = queries;
        this.orders = orders;
        this.storeCredit = storeCredit;
        this.outbox = outbox;
    }

    // ---- refunds

    public Uni<RefundPayload> refund(Caller caller, ReturnInputs.RefundRequest input) {
        caller.requireStaff();
        String key = input.idempotencyKey() == null ? "" : input.idempotencyKey().strip();
        if (key.length() < 8 || key.length() > 128) {
            return Uni.createFrom().item(RefundPayload.failed(UserError.of("INVALID_IDEMPOTENCY_KEY", "Give a key of 8 to 128 characters",
                    "input", "idempotencyKey")));
        }
        String hash = hash(input.returnId() + "|" + input.destination() + "|" + (input.amount() == null ? "" : input.amount().strip()));
        return repository.refundByKey(key).chain(earlier -> {
            if (earlier != null) {
                return repeated(earlier, hash);
            }
            return refundOnce(caller, input, key, hash)
                    .onFailure(ReturnRefunds::isUniqueViolation)
                    .recoverWithUni(() -> repository.refundByKey(key).chain(other -> repeated(other, hash)));
        });
    }

    private Uni<RefundPayload> refundOnce(Caller caller, ReturnInputs.RefundRequest input, String key, String hash) {
        RefundRow[] paid = new RefundRow[1];
        RefundRow[] earlier = new RefundRow[1];
        return changes.ofReturn(caller, input.returnId(), (tx, order, ret) -> repository.refundByKey(tx, key).chain(done -> {
            if (done != null) {
                // A request with the same key committed while this one waited for the order.
                earlier[0] = done;
                return Outcome.refused(UserError.of("IDEMPOTENCY_KEY_REUSED", "Refunded meanwhile under this key", "input", "idempotencyKey"));
            }
            return refundChecked(tx, caller, input, key, hash, order, ret, paid);
        })).chain(payload -> earlier[0] != null ? repeated(earlier[0], hash)
                : Uni.createFrom().item(payload.userErrors().isEmpty()
                        ? new RefundPayload(ReturnQueries.refund(paid[0]), payload.returnRequest(), List.of())
                        : new RefundPayload(null, null, payload.userErrors())));
    }

    private Uni<Outcome> refundChecked(Db.Tx tx, Caller caller, ReturnInputs.RefundRequest input, String key, String hash, ReturnableOrder order,
            ReturnRow ret, RefundRow[] paid) {
        if (ret.status() != ReturnStatus.RECEIVED) {
            return Outcome.refused(UserError.of("ILLEGAL_TRANSITION", "Only received returns are refunded; this one is " + ret.status(), "input", "returnId"));
        }
        long remaining = ret.suggested() - ret.refunded();
        long amount;
        try {
            amount = input.amount() == null ? remaining : Money.toMinor(input.amount(), order.currency());
        } catch (IllegalArgumentException e) {
            return Outcome.refused(UserError.of("INVALID_AMOUNT", e.getMessage(), "input", "amount"));
        }
        if (amount <= 0) {
            return Outcome.refused(UserError.of(input.amount() == null ? "REFUND_TOO_LARGE" : "INVALID_AMOUNT",
                    input.amount() == null ? "Nothing is left to refund on this return" : "The amount must be positive", "input", "amount"));
        }
        if (amount > remaining) {
            return Outcome.refused(UserError.of("REFUND_TOO_LARGE", "At most " + Money.ofMinor(remaining, order.currency()).amount() + " "
                    + order.currency() + " is left to refund on this return", "input", "amount"));
        }
        if (input.destination() == RefundDestination.STORE_CREDIT && order.customerId() == null) {
            return Outcome.refused(UserError.of("REFUND_DESTINATION_UNAVAILABLE", "Store credit needs a customer account; the order was placed as a guest", "input", "destination"));
        }
        if (input.destination() == RefundDestination.ORIGINAL_PAYMENT && order.paymentStatus() != PaymentStatus.PAID) {
            return Outcome.refused(UserError.of("REFUND_DESTINATION_UNAVAILABLE", "The order's payment is " + order.paymentStatus()
                    + ", so nothing can go back to it", "input", "destination"));
        }
        long refundAmount = amount;
        return repository.refundedOnOrder(tx, order.key()).chain(refundedBefore -> {
            if (refundedBefore + refundAmount > order.totalMinor()) {
                return Outcome.refused(UserError.of("REFUND_TOO_LARGE", "Refunds of the order would exceed the "
                        + Money.ofMinor(order.totalMinor(), order.currency()).amount() + " " + order.currency() + " paid for it", "input", "amount"));
            }
            Money money = Money.ofMinor(refundAmount, order.currency());
            String reference = Return.globalId(ret.id());
            return repository.insertRefund(tx, ret.id(), order.key(), key, hash, input.destination(), refundAmount, order.currency(),
                    caller.actor(), caller.channel())
                    .invoke(row -> paid[0] = row)
                    .chain(row -> switch (input.destination()) {
                        case ORIGINAL_PAYMENT -> orders.refundPayment(order, refundAmount);
                        case STORE_CREDIT -> storeCredit.credit(tx, caller, order.customerId(), money, "Refund of return " + reference
                                + " of order " + order.number(), Refund.TYPE + ":" + row.id());
                        case CASH -> Uni.createFrom().voidItem();
                    })
                    .chain(() -> orders.recordEvent(tx, caller, order.key(), OrderEventKind.REFUND_ISSUED, "Refunded " + money.amount() + " "
                            + money.currencyCode() + " to " + input.destination() + " for return " + reference))
                    .chain(() -> outbox.refundIssued(tx, ret, paid[0]))
                    .chain(() -> ret.refunded() + refundAmount >= ret.suggested()
                            ? changes.moved(tx, caller, ret, ReturnStatus.CLOSED, "refunded")
                            : Outcome.made(ret.id()));
        });
    }

    private Uni<RefundPayload> repeated(RefundRow earlier, String hash) {
        if (!earlier.requestHash().equals(hash)) {
            return Uni.createFrom().item(RefundPayload.failed(UserError.of("IDEMPOTENCY_KEY_REUSED",
                    "This idempotency key was used for another refund", "input", "idempotencyKey")));
        }
        return queries.byKey(earlier.returnId()).map(r -> new RefundPayload(ReturnQueries.refund(earlier), r, List.of()));
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
    }

    private static String hash(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
