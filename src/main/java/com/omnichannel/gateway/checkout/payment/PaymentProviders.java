package com.omnichannel.gateway.checkout.payment;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.omnichannel.gateway.order.PaymentMethod;
import com.omnichannel.gateway.order.PaymentSettlement;
import com.omnichannel.gateway.order.PaymentStatus;

import io.smallrye.mutiny.Uni;

/**
 * The payment providers by the method each takes: checkout authorizes through them, and they settle an order's
 * payment when order/ moves it (captured when goods leave, voided or refunded on cancellation).
 */
@ApplicationScoped
public class PaymentProviders implements PaymentSettlement {

    private final Map<PaymentMethod, PaymentProvider> providers = new EnumMap<>(PaymentMethod.class);

    PaymentProviders(Instance<PaymentProvider> paymentProviders) {
        paymentProviders.forEach(p -> providers.put(p.method(), p));
    }

    /** The methods a provider is installed for. */
    public Set<PaymentMethod> methods() {
        return providers.keySet();
    }

    /** The provider of a method, or null when none is installed. */
    public PaymentProvider of(PaymentMethod method) {
        return providers.get(method);
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

    @Override
    public Uni<Void> refund(Payment payment, long amountMinor) {
        return providers.get(payment.method()).refund(payment.reference(), amountMinor, payment.currency());
    }
}
