package com.omnichannel.gateway.order;

import com.omnichannel.gateway.order.OrderRows.OrderRow;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Role;

/** Who may see an order: staff, and the signed-in customer who placed it. */
final class OrderAccess {

    private OrderAccess() {
    }

    static boolean mayRead(Caller caller, OrderRow order) {
        if (caller.isStaff()) {
            return true;
        }
        String customerId = customerId(caller);
        return customerId != null && customerId.equals(order.customerId());
    }

    /** The signed-in customer's id; null for guests, staff and devices. */
    static String customerId(Caller caller) {
        return caller.hasRole(Role.CUSTOMER) ? caller.subject() : null;
    }
}
