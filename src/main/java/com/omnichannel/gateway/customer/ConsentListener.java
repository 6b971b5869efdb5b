package com.omnichannel.gateway.customer;

import io.smallrye.mutiny.Uni;

/**
 * Hears every change of a consent after it is stored and before the change is answered, so that what was derived
 * under the old consent (e.g. cached personal recommendations) is gone by the time the customer sees the change.
 * Implementations are CDI beans; a failure fails the answer (the consent itself stays changed).
 */
public interface ConsentListener {

    Uni<Void> consentChanged(ConsentChanged change);
}
