package com.omnichannel.gateway.checkout.payment;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.omnichannel.gateway.order.PaymentMethod;
import com.omnichannel.gateway.order.PaymentSettlement;
import com.omnichannel.gateway.order.PaymentStatus;

import io.smallrye.mutiny.Uni;

/** Settles an order's payment with the provider of its method. */
@ApplicationScoped
class ProviderSettlement implements PaymentSettlement {

    private final Map<PaymentMethod, PaymentProvider> providers = new EnumMap<>(PaymentMethod.class);

    ProviderSettlement(Instance<PaymentProvider> paymentProviders) {
        paymentProviders.forEach(p -> providers.put(p.method(), p));
    }

    @Override
    public Uni<Void> settle(Payment payment, PaymentStatus status) {
        PaymentProvider provider = providers.get(payment.method());
        return switch (status) {
            case PAID -> provider.capture(payment.reference(), payment.amountMinor(), payment.currency());
            case VOIDED -> provider.voidAuthorization(payment.reference());
            case REFUNDED -> provider.refund(payment.reference(), payment.amountMinor(), payment.currency());
            default -> Uni.createFrom().voidItem();
        };
    }
}
