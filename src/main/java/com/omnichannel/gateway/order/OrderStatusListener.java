package com.omnichannel.gateway.order;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;

import io.smallrye.mutiny.Uni;

/**
 * Hears every order status change inside the transaction that makes it (e.g. loyalty makes pending points
 * available on DELIVERED or PICKED_UP and reverses them on CANCELLED). Implementations are CDI beans.
 */
public interface OrderStatusListener {

    /** @param orderChannel the channel the order was placed through (not the one of whoever changes its status) */
    record StatusChange(long orderKey, String number, String customerId, Channel orderChannel, OrderStatus from, OrderStatus to,
            long totalMinor, String currency) {
    }

    Uni<Void> statusChanged(Db.Tx tx, Caller caller, StatusChange change);
}
