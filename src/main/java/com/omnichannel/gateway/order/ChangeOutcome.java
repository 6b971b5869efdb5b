package com.omnichannel.gateway.order;

import java.util.function.Function;

import com.omnichannel.gateway.platform.errors.UserError;

import io.smallrye.mutiny.Uni;

/**
 * How a change of orders or shipments ended: made (with a value), or refused by a lifecycle rule before anything was
 * written, with the user error the payload carries.
 */
sealed interface ChangeOutcome<T> {

    record Made<T>(T value) implements ChangeOutcome<T> {
        @Override
        public <R> Uni<ChangeOutcome<R>> then(Function<T, Uni<ChangeOutcome<R>>> next) {
            return next.apply(value);
        }

        @Override
        public <R> R fold(Function<T, R> made, Function<UserError, R> refused) {
            return made.apply(value);
        }
    }

    record Refused<T>(UserError error) implements ChangeOutcome<T> {
        @Override
        public <R> Uni<ChangeOutcome<R>> then(Function<T, Uni<ChangeOutcome<R>>> next) {
            return ChangeOutcome.refused(error);
        }

        @Override
        public <R> R fold(Function<T, R> made, Function<UserError, R> refused) {
            return refused.apply(error);
        }
    }

    static <T> Uni<ChangeOutcome<T>> made(T value) {
        return Uni.createFrom().item(new Made<>(value));
    }

    static <T> Uni<ChangeOutcome<T>> refused(UserError error) {
        return Uni.createFrom().item(new Refused<>(error));
    }

    /** The next step when this one was made; a refusal ends the change. */
    <R> Uni<ChangeOutcome<R>> then(Function<T, Uni<ChangeOutcome<R>>> next);

    /** One answer for either ending. */
    <R> R fold(Function<T, R> made, Function<UserError, R> refused);
}
