package com.omnichannel.gateway.platform.graphql;

import java.util.Map;

import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.ErrorCode;
import com.omnichannel.gateway.platform.security.CallerResolver;
import com.omnichannel.gateway.platform.security.Channel;

import graphql.execution.AbortExecutionException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Enforces trusted-operations-only channels where the HTTP gate ({@link GraphQLRequestGate}) cannot: operations
 * sent over the WebSocket (subscriptions, and queries or mutations a graphql-transport-ws client may send there
 * too), and HTTP requests whose channel the gate left to the resolvers to refuse. It runs before every operation
 * executes, with the caller resolved as the resolvers will see it. HTTP requests whose channel the gate resolved
 * were checked there by the same rule ({@link com.omnichannel.gateway.platform.security.ChannelResolution}) and
 * are not checked again.
 */
final class TrustedOperationGuard {

    private static final String CHECKED_AT_GATE = "gateway.trusted-operations-checked";

    private final LazyBean<PersistedQueries> persistedQueries = new LazyBean<>(PersistedQueries.class);

    /** Called by the gate for a request whose channel it resolved and whose document it checked. */
    static void checkedAtGate() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(CHECKED_AT_GATE, Boolean.TRUE);
        }
    }

    void check(String document) {
        PersistedQueries queries = persistedQueries.get();
        if (queries == null || !queries.anyTrustedOnly() || checkedAtGate(Vertx.currentContext())) {
            return;
        }
        Channel channel;
        try (InstanceHandle<CallerResolver> caller = Arc.container().instance(CallerResolver.class)) {
            channel = caller.get().current().channel();
        } catch (ApiException e) {
            // A caller the resolvers would refuse too (e.g. an unknown X-Channel): refuse before anything runs.
            throw new NotAllowed(e.code(), e.getMessage());
        }
        if (!queries.allows(channel, document)) {
            throw new NotAllowed(ErrorCode.OPERATION_NOT_ALLOWED, "The " + channel
                    + " channel accepts only the registered operations of its app; send one of them");
        }
    }

    private static boolean checkedAtGate(Context context) {
        return context != null && VertxContext.isDuplicatedContext(context) && Boolean.TRUE.equals(context.getLocal(CHECKED_AT_GATE));
    }

    /** Aborts the operation with its own error code (the limits' aborts are BAD_USER_INPUT). */
    static final class NotAllowed extends AbortExecutionException {
        private final ErrorCode code;

        NotAllowed(ErrorCode code, String message) {
            super(message);
            this.code = code;
        }

        ErrorCode code() {
            return code;
        }

        @Override
        public Map<String, Object> getExtensions() {
            return Map.of("code", code.name());
        }
    }
}
