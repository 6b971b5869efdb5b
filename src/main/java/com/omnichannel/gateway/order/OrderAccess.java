package com.omnichannel.gateway.order;

import com.omnichannel.gateway.order.OrderRows.OrderRow;
import com.omnichannel.gateway.platform.security.Caller;

/** Who may see an order: staff, and the signed-in customer who placed it. */
final class OrderAccess {

    private OrderAccess() {
    }

    static boolean mayRead(Caller caller, OrderRow order) {
        if (caller.isStaff()) {
            return true;
        }
        String customerId = caller.customerId();
        return customerId != null && customerId.equals(order.customerId());
    }
}
