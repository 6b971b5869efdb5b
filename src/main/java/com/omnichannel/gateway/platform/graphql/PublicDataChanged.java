package com.omnichannel.gateway.platform.graphql;

/**
 * A CDI event a domain fires after a committed change to data that {@link PublicRead} fields answer with; the
 * response cache observes it.
 *
 * @param allInstances true to tell the other instances too (through Redis); false when each instance learns of the
 *                   change by itself (e.g. from an event every instance receives)
 */
public record PublicDataChanged(boolean allInstances) {

    /** Only this instance: the others are told of the change another way. */
    public static PublicDataChanged here() {
        return new PublicDataChanged(false);
    }

    /** This instance and, through Redis, every other one. */
    public static PublicDataChanged everywhere() {
        return new PublicDataChanged(true);
    }
}
