package com.omnichannel.gateway.platform.graphql;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.omnichannel.gateway.platform.security.Channel;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Prometheus metrics per GraphQL operation: the timer {@value #NAME} (count, sum and latency buckets) tagged with
 * the operation's name ({@code anonymous} without one), the channel ({@code WEB}, {@code MOBILE}, {@code KIOSK},
 * {@code STAFF}; {@code UNKNOWN} over WebSocket) and the outcome ({@code success}, or {@code error} when the result
 * carries errors). Operation names come from clients, so their number is bounded: beyond
 * {@value #MAX_OPERATION_NAMES} distinct names, new ones count as {@code other}.
 */
final class OperationMetrics {

    static final String NAME = "graphql.operations";
    static final int MAX_OPERATION_NAMES = 200;
    private static final String CHANNEL_KEY = "gateway.channel";
    private static final String OPERATION_KEY = "gateway.operation";
    private static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10) };

    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final LazyBean<MeterRegistry> registry = new LazyBean<>(MeterRegistry.class);
    private volatile Timers timers;

    /** Called by the request gate: the channel of the request being handled on this Vert.x context. */
    static void rememberChannel(Channel channel) {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(CHANNEL_KEY, channel.name());
        }
    }

    /** The name of the operation that runs (known once the engine has chosen it). */
    static void rememberOperation(ExecutionContext execution) {
        String name = execution.getOperationDefinition() == null ? null : execution.getOperationDefinition().getName();
        execution.getGraphQLContext().put(OPERATION_KEY, name == null || name.isBlank() ? "anonymous" : name);
    }

    InstrumentationContext<ExecutionResult> begin(ExecutionInput input) {
        long start = System.nanoTime();
        String channel = channel();
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> {
            String operation = input.getGraphQLContext().getOrDefault(OPERATION_KEY, fallbackName(input));
            boolean failed = failure != null || result == null || !result.getErrors().isEmpty();
            Timer timer = timer(bounded(operation), channel, failed ? "error" : "success");
            if (timer != null) {
                timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        });
    }

    /**
     * The timer of an operation, channel and outcome, registered the first time and kept: building and looking one
     * up in the registry for every request was a hundredth of an order history's CPU. Their number is bounded by
     * the bounded names.
     */
    private Timer timer(String operation, String channel, String outcome) {
        MeterRegistry meters = registry();
        if (meters == null) {
            return null;
        }
        Timers kept = timers;
        if (kept == null || kept.registry() != meters) {
            kept = new Timers(meters, new ConcurrentHashMap<>());
            timers = kept;
        }
        return kept.byTags().computeIfAbsent(new TimerTags(operation, channel, outcome),
                tags -> Timer.builder(NAME).description("GraphQL operations by name, channel and outcome")
                        .tag("operation", tags.operation()).tag("channel", tags.channel()).tag("outcome", tags.outcome())
                        .serviceLevelObjectives(BUCKETS).register(meters));
    }

    private record TimerTags(String operation, String channel, String outcome) {
    }

    /** The timers registered in one registry (the application's, which tests may replace). */
    private record Timers(MeterRegistry registry, Map<TimerTags, Timer> byTags) {
    }

    /** Requests refused before an operation was chosen (parse and validation errors) count under the name they asked for. */
    private static String fallbackName(ExecutionInput input) {
        String name = input.getOperationName();
        return name == null || name.isBlank() ? "anonymous" : name;
    }

    private String bounded(String operation) {
        if (names.contains(operation)) {
            return operation;
        }
        if (names.size() >= MAX_OPERATION_NAMES || operation.length() > 100 || !operation.matches("[_A-Za-z][_0-9A-Za-z]*")) {
            return "other";
        }
        names.add(operation);
        return operation;
    }

    private static String channel() {
        Context context = Vertx.currentContext();
        Object channel = context == null ? null : context.getLocal(CHANNEL_KEY);
        return channel == null ? "UNKNOWN" : channel.toString();
    }

    private MeterRegistry registry() {
        return registry.get();
    }
}
