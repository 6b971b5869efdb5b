package com.omnichannel.gateway.platform.graphql;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a root query field of a {@code *GraphQLApi} whose answer depends only on its arguments, the channel and
 * public data, never on who asks: anonymous requests made only of such fields may be answered from the
 * {@link ResponseCache}. The domain that owns the data must announce its changes with {@link PublicDataChanged}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PublicRead {
}
