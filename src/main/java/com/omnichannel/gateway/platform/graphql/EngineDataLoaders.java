package com.omnichannel.gateway.platform.graphql;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;

import com.omnichannel.gateway.platform.graphql.EnginePatches.Patch;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.graphql.execution.ExecutionService;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.schema.model.Type;

/**
 * The schema's data loaders, made once at start-up instead of with every request
 * ({@link Patch#DATA_LOADERS_MADE_ONCE}).
 * <p>
 * Before every execution SmallRye made a data loader for each batched field of the whole schema (about 30 here) and
 * registered it, whatever the request asked for: about a twentieth of the CPU of an order history. Here SmallRye's
 * own method makes them once, at start-up, so they are exactly its loaders (batch function, options, name); then
 * the batched fields are taken off the schema model that SmallRye reads before every execution, and a request gets
 * an empty registry, in which {@link UsedDataLoaders} copies the loaders it asks for. A copy has the loader's batch
 * function and options and a cache of its own: nothing loaded for one request is seen by another. SmallRye reads
 * the model's batched fields nowhere else once the engine's schema is built (before start-up).
 */
@ApplicationScoped
public class EngineDataLoaders {

    private volatile Map<String, DataLoader<?, ?>> loaders;

    /** The loaders by name, to copy per request; null unless the patch applied. */
    Map<String, DataLoader<?, ?>> loaders() {
        return loaders;
    }

    static ExecutionService engine() {
        return ClientProxy.unwrap(Arc.container().instance(ExecutionService.class).get());
    }

    /** The schema model SmallRye built the engine from, and reads again before every execution. */
    static Schema model(ExecutionService engine) throws ReflectiveOperationException {
        Field model = ExecutionService.class.getDeclaredField("schema");
        model.setAccessible(true);
        return (Schema) model.get(engine);
    }

    void install(@Observes StartupEvent event) {
        Patch patch = Patch.DATA_LOADERS_MADE_ONCE;
        if (!EnginePatches.enabled()) {
            EnginePatches.off(patch);
            return;
        }
        try {
            ExecutionService engine = engine();
            Method make = ExecutionService.class.getDeclaredMethod("getDataLoaderRegistry", List.class);
            make.setAccessible(true);
            Schema schema = model(engine);
            List<Operation> batched = schema.getBatchOperations();
            if (batched.isEmpty()) {
                EnginePatches.notNeeded(patch);
                return;
            }
            DataLoaderRegistry made = (DataLoaderRegistry) make.invoke(engine, batched);
            Map<String, DataLoader<?, ?>> byName = Map.copyOf(made.getDataLoadersMap());
            if (byName.size() != batched.size()) {
                EnginePatches.notApplied(patch, byName.size() + " data loaders made for " + batched.size() + " batched fields");
                return;
            }
            loaders = byName;
            for (Type type : schema.getTypes().values()) {
                if (type.hasBatchOperations()) {
                    type.setBatchOperations(new LinkedHashMap<>());
                }
            }
            EnginePatches.applied(patch);
        } catch (ReflectiveOperationException | RuntimeException e) {
            EnginePatches.notApplied(patch, "no ExecutionService.schema or ExecutionService.getDataLoaderRegistry(List): " + e);
        }
    }
}
