package com.omnichannel.gateway.platform.errors;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * A root lookup that can miss (a product, variant, category, store or cart by id) answers null with no error, so a
 * miss does not empty the siblings of a response. Refusals (FORBIDDEN) and bad arguments stay errors.
 */
public final class Lookups {

    private Lookups() {
    }

    public static <T> Uni<T> nullWhenNotFound(Supplier<Uni<? extends T>> lookup) {
        return Uni.createFrom().<T>deferred(lookup)
                .onFailure(e -> e instanceof ApiException api && api.code() == ErrorCode.NOT_FOUND).recoverWithNull();
    }
}
