package com.omnichannel.gateway.returns;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Caller;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/** Store credit is not installed: refunds to it are refused (STORE_CREDIT_UNAVAILABLE) before anything is written. */
@ApplicationScoped
@DefaultBean
public class NoStoreCredit implements StoreCreditRefunds {

    @Override
    public Uni<Void> credit(Db.Tx tx, Caller caller, String customerId, Money amount, String reason, String reference) {
        return Uni.createFrom().failure(new IllegalStateException("Store credit is not installed"));
    }

    @Override
    public boolean available() {
        return false;
    }
}
