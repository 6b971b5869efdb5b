package com.omnichannel.gateway.platform.graphql;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import com.omnichannel.gateway.platform.errors.ErrorCode;
import com.omnichannel.gateway.platform.graphql.EnginePatches.Patch;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.BlockedFields;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.smallrye.graphql.execution.QueryCache;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.spi.EventingService;

/**
 * Shapes the GraphQL engine: strict Int, Float and ID inputs ({@link StrictScalars}), fast reads of plain fields,
 * introspection, query limits and the error model, added to the engine's own instrumentation. The changes that rely
 * on the engine's inner workings report to {@link EnginePatches} and are left out when it is switched off.
 * Registered through {@code META-INF/services}; SmallRye GraphQL calls it once when it builds the engine.
 */
public class GatewayGraphQLCustomizer implements EventingService {

    /** Lists of ids reach resolvers as lists of strings ({@link IdListArguments}). */
    @Override
    public Operation createOperation(Operation operation) {
        return IdListArguments.apply(operation);
    }

    @Override
    public String getConfigKey() {
        return null; // always active
    }

    /**
     * With the field visibility setting at its default ("default"), SmallRye hands the engine a field-blocking rule
     * with the regular expression "default", which blocks nothing but runs for every field of every response
     * (SmallRye has no setting that leaves the engine's own default in place: an empty value reads as "default").
     * The engine's own default visibility is used instead; any other setting (e.g. no-introspection) is kept.
     * graphql-java's schema builder has no getter for the code registry SmallRye set, hence the reflective read.
     */
    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        builder.additionalType(errorCodes());
        GraphQLSchema.Builder visible = defaultFieldVisibility(builder);
        // Deprecations are written in descriptions ("Deprecated: ..."); the built schema is rewritten with them and
        // handed back as a builder, which SmallRye builds (and serves as SDL) as before.
        // The custom scalars name their specifications (@specifiedBy) in the same pass.
        return GraphQLSchema.newSchema(ScalarSpecifications.apply(DescribedDeprecations.apply(visible.build())));
    }

    /**
     * The codes of top-level errors ({@code extensions.code}) as an enum of the schema, so clients read them where
     * they read the rest of the API (the committed SDL, codegen). No field returns it.
     */
    static GraphQLEnumType errorCodes() {
        GraphQLEnumType.Builder codes = GraphQLEnumType.newEnum().name("ErrorCode")
                .description("The codes of top-level errors, in errors[].extensions.code, and when each happens. No field returns this "
                        + "type; expected failures of mutations are userErrors (UserErrorCode) instead.");
        for (ErrorCode code : ErrorCode.values()) {
            codes.value(GraphQLEnumValueDefinition.newEnumValueDefinition().name(code.name()).value(code.name())
                    .description(code.description()).build());
        }
        return codes.build();
    }

    private GraphQLSchema.Builder defaultFieldVisibility(GraphQLSchema.Builder builder) {
        Patch patch = Patch.DEFAULT_FIELD_VISIBILITY;
        if (!EnginePatches.enabled()) {
            EnginePatches.off(patch);
            return builder;
        }
        String visibility = ConfigProvider.getConfig().getOptionalValue("quarkus.smallrye-graphql.field-visibility", String.class)
                .orElse("default");
        if (!"default".equals(visibility)) {
            EnginePatches.notNeeded(patch);
            return builder;
        }
        GraphQLCodeRegistry registry;
        try {
            Field field = GraphQLSchema.Builder.class.getDeclaredField("codeRegistry");
            field.setAccessible(true);
            registry = (GraphQLCodeRegistry) field.get(builder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            EnginePatches.notApplied(patch, "no readable codeRegistry field in GraphQLSchema.Builder: " + e);
            return builder;
        }
        if (registry == null) {
            EnginePatches.notApplied(patch, "the schema builder has no code registry yet");
        } else if (registry.getFieldVisibility() == DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY) {
            EnginePatches.notNeeded(patch);
        } else if (registry.getFieldVisibility() instanceof BlockedFields) {
            builder.codeRegistry(registry.transform(b -> b.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY)));
            EnginePatches.applied(patch);
        } else {
            EnginePatches.notApplied(patch, "field visibility " + registry.getFieldVisibility().getClass().getName());
        }
        return builder;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        GraphQLConfig config = GraphQLConfig.current();
        int maxDepth = config.maxDepth();
        int maxComplexity = config.maxComplexity();
        int maxAliases = config.maxAliases();
        int maxFragments = config.maxFragments();
        boolean introspection = config.introspectionEnabled();
        boolean patched = EnginePatches.enabled();

        GatewayInstrumentation ours = new GatewayInstrumentation(introspection, maxFragments, patched,
                new OperationLimitsInstrumentation(maxDepth, maxComplexity, maxAliases, introspection),
                new NullCharacterRule());
        // SmallRye's document cache keeps 2,048 documents whatever their size; ours is bounded by memory.
        builder.preparsedDocumentProvider(validatedDocuments(config));
        // The engine's instrumentation includes its document cache, which must keep working: SmallRye reads
        // every request's document through it before execution, and an empty cache means parsing every time.
        // graphql-java's builder has no getter for it, but the engine it builds has; building one costs nothing
        // (it only fills in the defaults the real build would fill in) and needs no reflection.
        GraphQL built = builder.build();
        // Int, Float and ID read inputs as the specification says (StrictScalars): a spec conformance, not an engine
        // patch, so it applies whether or not the patches are on.
        // DateTime answers are UTC with milliseconds whatever the source (DateTimeOutput), in every operation type.
        // The transformations (deprecations before, strict inputs and date-times here) rebuild the object types:
        // resolve by name.
        builder.schema(TypeResolutionByName.apply(DateTimeOutput.apply(StrictScalars.apply(built.getGraphQLSchema()))));
        Instrumentation engine = built.getInstrumentation();
        List<Instrumentation> engineParts = engine instanceof ChainedInstrumentation chained ? chained.getInstrumentations()
                : List.of(engine);
        Patch patch = Patch.DOCUMENT_CACHE_WITHOUT_CHAIN;
        if (!patched) {
            EnginePatches.off(patch);
        } else if (engineParts.size() == 1 && engineParts.get(0) instanceof QueryCache) {
            // The engine's only instrumentation is SmallRye's document cache, replaced by ValidatedDocuments (which
            // needs no instrumentation): no chain is needed. A chain calls each member, through a list and a
            // combined context, for every field of every response (about a tenth of a cart read's CPU).
            EnginePatches.applied(patch);
            // Queries and mutations from plans; the engine's own strategies execute what is not planned.
            return builder.instrumentation(ours)
                    .queryExecutionStrategy(new PlannedQueries(built.getQueryStrategy(), ours::fetcher))
                    .mutationExecutionStrategy(new PlannedQueries(built.getMutationStrategy(), ours::fetcher));
        } else {
            String found = "the engine's instrumentation is " + engineParts.stream()
                    .map(part -> part.getClass().getName()).toList() + ", not only its document cache";
            EnginePatches.notApplied(patch, found);
            // A plan calls no instrumentation per field: with other instrumentations the engine executes every field.
            EnginePatches.notApplied(Patch.PLANNED_QUERIES, found);
            EnginePatches.notApplied(Patch.BATCHES_FROM_PLANS, found);
        }
        // SmallRye's document cache left in the chain stores nothing: it only keeps what its own provider parsed.
        List<Instrumentation> chain = new ArrayList<>(engineParts);
        chain.add(ours);
        return builder.instrumentation(new ChainedInstrumentation(chain));
    }

    /** One per engine; tests read it to check its memory accounting. */
    private static volatile ValidatedDocuments validatedDocuments;

    private static ValidatedDocuments validatedDocuments(GraphQLConfig config) {
        ValidatedDocuments documents = new ValidatedDocuments(config.parsedDocuments().maxBytes());
        validatedDocuments = documents;
        return documents;
    }

    /** The document cache of the engine built last. */
    static ValidatedDocuments engineDocuments() {
        return validatedDocuments;
    }
}
