package com.omnichannel.gateway.credit;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.customer.CustomerDataContributor;
import com.omnichannel.gateway.order.OrderCustomerData;
import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;

/**
 * Gift cards in a customer's privacy rights. Cards are bearer instruments and name nobody; what links one to a
 * customer is their redemptions at checkout (the actor of the transaction). The export lists those; erasure
 * attributes them to the erased customer, keeping the cards' figures.
 */
@ApplicationScoped
public class GiftCardCustomerData implements CustomerDataContributor {

    private final GiftCardRepository repository;

    public GiftCardCustomerData(GiftCardRepository repository) {
        this.repository = repository;
    }

    @Override
    public String section() {
        return "giftCardTransactions";
    }

    @Override
    public Uni<String> export(String customerId) {
        return repository.exportActor(customerId);
    }

    @Override
    public Uni<Void> erase(Db.Tx tx, String customerId) {
        return repository.forgetActor(tx, customerId, OrderCustomerData.ERASED_ACTOR);
    }
}
