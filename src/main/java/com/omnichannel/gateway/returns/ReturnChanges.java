package com.omnichannel.gateway.returns;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.order.OrderEventKind;
import com.omnichannel.gateway.order.OrderReturns;
import com.omnichannel.gateway.order.OrderReturns.ReturnableOrder;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.returns.ReturnPayloads.ReturnPayload;
import com.omnichannel.gateway.returns.ReturnRepository.ReturnRow;

import io.smallrye.mutiny.Uni;

/**
 * Runs a change of returns in one transaction, the order locked first (the lock every change of the order takes),
 * then the return: a refusal by a rule rolls it back and answers with the user error; a change made goes out to the
 * return's subscribers.
 */
@ApplicationScoped
class ReturnChanges {

    private final Db db;
    private final ReturnRepository repository;
    private final OrderReturns orders;
    private final ReturnEvents events;
    private final ReturnQueries queries;
    private final ReturnOutboxEvents outbox;

    ReturnChanges(Db db, ReturnRepository repository, OrderReturns orders, ReturnEvents events, ReturnQueries queries,
            ReturnOutboxEvents outbox) {
        this.db = db;
        this.repository = repository;
        this.orders = orders;
        this.events = events;
        this.queries = queries;
        this.outbox = outbox;
    }

    /** How a change ended: made for a return, or refused by a rule (nothing written). */
    record Outcome(long returnKey, UserError refused) {
        static Uni<Outcome> made(long key) {
            return Uni.createFrom().item(new Outcome(key, null));
        }

        static Uni<Outcome> refused(UserError error) {
            return Uni.createFrom().item(new Outcome(0, error));
        }
    }

    /** A change of one return, its order and the return locked. */
    @FunctionalInterface
    interface ReturnWork {
        Uni<Outcome> apply(Db.Tx tx, ReturnableOrder order, ReturnRow ret);
    }

    /** Locks the return's order, then the return, and runs the work; a return the caller may not see is not found. */
    Uni<ReturnPayload> ofReturn(Caller caller, String returnId, ReturnWork work) {
        Long key = GlobalId.tryDecode(Return.TYPE, returnId);
        if (key == null) {
            throw ApiException.notFound("No return with this id");
        }
        return repository.orderOf(key).chain(orderKey -> {
            if (orderKey == null) {
                throw ApiException.notFound("No return with this id");
            }
            return inTransaction(tx -> orders.lock(tx, caller, orderKey, false).chain(order -> {
                if (order == null) {
                    throw ApiException.notFound("No return with this id");
                }
                return repository.lock(tx, key).chain(ret -> work.apply(tx, order, ret));
            }));
        });
    }

    /**
     * Runs the work in one transaction; a refusal rolls it back and answers with its user error, a change made writes
     * its {@code return.updated} event into the outbox in the same transaction and, once committed, tells the return's
     * subscribers (through any instance) and answers with the return as it is now.
     */
    Uni<ReturnPayload> inTransaction(Function<Db.Tx, Uni<Outcome>> work) {
        return db.inTransaction(tx -> work.apply(tx).call(outcome -> {
            if (outcome.refused() != null) {
                tx.rollBack();
                return Uni.createFrom().voidItem();
            }
            return outbox.returnUpdated(tx, outcome.returnKey());
        })).chain(outcome -> outcome.refused() != null ? failed(outcome.refused())
                : events.publish(outcome.returnKey()).onFailure().recoverWithNull()
                        .chain(() -> queries.byKey(outcome.returnKey()))
                        .map(r -> new ReturnPayload(r, List.of())));
    }

    /** Moves the return to a status, with an entry on its order's timeline. */
    Uni<Outcome> moved(Db.Tx tx, Caller caller, ReturnRow ret, ReturnStatus target, String note) {
        return repository.setStatus(tx, ret.id(), target)
                .chain(() -> orders.recordEvent(tx, caller, ret.orderId(), OrderEventKind.RETURN_UPDATED,
                        "Return " + Return.globalId(ret.id()) + " " + ret.status() + " → " + target + (note == null || note.isBlank() ? "" : ": " + note.strip())))
                .chain(() -> Outcome.made(ret.id()));
    }

    static Uni<ReturnPayload> failed(UserError error) {
        return Uni.createFrom().item(ReturnPayload.failed(error));
    }
}
