package com.omnichannel.gateway.platform.graphql;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.smallrye.graphql.execution.QueryCache;
import io.smallrye.graphql.spi.EventingService;

/**
 * Shapes the GraphQL engine: fast reads of plain fields, introspection, query limits and the error model, added to the engine's
 * own instrumentation.
 * Registered through {@code META-INF/services}; SmallRye GraphQL calls it once when it builds the engine.
 */
public class GatewayGraphQLCustomizer implements EventingService {

    private static final Logger LOG = Logger.getLogger(GatewayGraphQLCustomizer.class);

    @Override
    public String getConfigKey() {
        return null; // always active
    }

    /**
     * With the field visibility setting at its default ("default"), the engine is handed a field-blocking rule with
     * the regular expression "default", which blocks nothing but runs for every field of every response. The
     * engine's own default visibility is used instead; any other setting (e.g. no-introspection) is kept.
     */
    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        String visibility = ConfigProvider.getConfig().getOptionalValue("quarkus.smallrye-graphql.field-visibility", String.class)
                .orElse("default");
        if (!"default".equals(visibility)) {
            return builder;
        }
        try {
            Field field = GraphQLSchema.Builder.class.getDeclaredField("codeRegistry");
            field.setAccessible(true);
            GraphQLCodeRegistry registry = (GraphQLCodeRegistry) field.get(builder);
            if (registry != null) {
                builder.codeRegistry(registry.transform(b -> b.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY)));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Could not read the schema's code registry; field visibility left as configured", e);
        }
        return builder;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        Config config = ConfigProvider.getConfig();
        int maxDepth = config.getOptionalValue("app.graphql.max-depth", Integer.class).orElse(12);
        int maxComplexity = config.getOptionalValue("app.graphql.max-complexity", Integer.class).orElse(5000);
        int maxAliases = config.getOptionalValue("app.graphql.max-aliases", Integer.class).orElse(30);
        int maxFragments = config.getOptionalValue("app.graphql.max-fragments", Integer.class).orElse(50);
        boolean introspection = config.getOptionalValue("app.graphql.introspection-enabled", Boolean.class).orElse(true);

        GatewayInstrumentation ours = new GatewayInstrumentation(introspection, maxFragments,
                new OperationLimitsInstrumentation(maxDepth, maxComplexity, maxAliases));
        // The engine's instrumentation includes its document cache, which must keep working: SmallRye reads
        // every request's document through it before execution, and an empty cache means parsing every time.
        Instrumentation engine = engineInstrumentation(builder);
        if (engine == null) {
            return builder.instrumentation(ours);
        }
        List<Instrumentation> engineParts = engine instanceof ChainedInstrumentation chained ? chained.getInstrumentations()
                : List.of(engine);
        if (engineParts.size() == 1 && engineParts.get(0) instanceof QueryCache) {
            // The document cache acts only when a document is validated: ours hands that step to it, and no chain
            // is needed. A chain calls each member, through a list and a combined context, for every field of
            // every response (about a tenth of a cart read's CPU).
            ours.validatedBy(engineParts.get(0));
            return builder.instrumentation(ours);
        }
        List<Instrumentation> chain = new ArrayList<>();
        chain.add(engine);
        chain.add(ours);
        return builder.instrumentation(new ChainedInstrumentation(chain));
    }

    /** GraphQL.Builder has no getter for what SmallRye set; read it so that we add to it instead of replacing it. */
    private static Instrumentation engineInstrumentation(GraphQL.Builder builder) {
        try {
            Field field = GraphQL.Builder.class.getDeclaredField("instrumentation");
            field.setAccessible(true);
            return (Instrumentation) field.get(builder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not read the GraphQL engine's instrumentation; its document cache is bypassed", e);
            return null;
        }
    }
}
