package com.omnichannel.gateway.common.graphql;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import io.smallrye.graphql.spi.EventingService;

/**
 * Shapes the GraphQL engine: query limits, the document cache and the error model.
 * Registered through {@code META-INF/services}; SmallRye GraphQL calls it once when it builds the engine.
 */
public class GatewayGraphQLCustomizer implements EventingService {

    @Override
    public String getConfigKey() {
        return null; // always active
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        Config config = ConfigProvider.getConfig();
        int maxDepth = config.getOptionalValue("app.graphql.max-depth", Integer.class).orElse(12);
        int maxComplexity = config.getOptionalValue("app.graphql.max-complexity", Integer.class).orElse(5000);
        int cacheSize = config.getOptionalValue("app.graphql.document-cache-size", Integer.class).orElse(2000);

        List<Instrumentation> chain = new ArrayList<>();
        chain.add(new MaxQueryDepthInstrumentation(maxDepth));
        chain.add(new MaxQueryComplexityInstrumentation(maxComplexity));
        chain.add(new ErrorNormalizingInstrumentation());
        return builder
                .instrumentation(new ChainedInstrumentation(chain))
                .preparsedDocumentProvider(new ValidatedDocumentCache(cacheSize));
    }
}
