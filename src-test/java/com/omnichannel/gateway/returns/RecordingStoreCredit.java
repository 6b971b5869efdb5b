package com.omnichannel.gateway.returns;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * Store credit as the refunds see it, until the store credit domain is wired in: the credits of committed refunds,
 * in memory (a credit of a refund that rolls back is never recorded).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RecordingStoreCredit implements StoreCreditRefunds {

    public record Credit(String customerId, Money amount, String reason, String reference) {
    }

    private final List<Credit> credits = new CopyOnWriteArrayList<>();

    @Override
    public Uni<Void> credit(Db.Tx tx, Caller caller, String customerId, Money amount, String reason, String reference) {
        tx.afterCommit(() -> credits.add(new Credit(customerId, amount, reason, reference)));
        return Uni.createFrom().voidItem();
    }

    public List<Credit> of(String customerId) {
        return credits.stream().filter(c -> c.customerId().equals(customerId)).toList();
    }
}
