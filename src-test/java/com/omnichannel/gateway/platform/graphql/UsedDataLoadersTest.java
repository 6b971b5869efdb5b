package com.omnichannel.gateway.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.dataloader.BatchLoader;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.junit.jupiter.api.Test;

/** The request's registry dispatches only the loaders the request asked for, and knows every method of its parent. */
class UsedDataLoadersTest {

    private final List<String> batches = new ArrayList<>();

    private DataLoader<Integer, String> loader(String name) {
        BatchLoader<Integer, String> load = keys -> {
            batches.add(name + keys);
            return CompletableFuture.completedFuture(keys.stream().map(k -> name + k).toList());
        };
        return DataLoaderFactory.newDataLoader(load);
    }

    @Test
    void only_the_loaders_a_request_used_are_dispatched() {
        DataLoaderRegistry all = new DataLoaderRegistry();
        all.register("variants", loader("variants"));
        all.register("category", loader("category"));
        all.register("stockLevels", loader("stockLevels"));
        UsedDataLoaders request = new UsedDataLoaders(all);

        DataLoader<Integer, String> variants = request.getDataLoader("variants");
        CompletableFuture<String> first = variants.load(1);
        CompletableFuture<String> second = variants.load(2);
        assertThat(request.dispatchDepth()).isEqualTo(2);
        assertThat(request.dispatchAllWithCount()).isEqualTo(2);

        assertThat(first.join()).isEqualTo("variants1");
        assertThat(second.join()).isEqualTo("variants2");
        assertThat(batches).containsExactly("variants[1, 2]");
        assertThat(request.getKeys()).containsExactlyInAnyOrder("variants", "category", "stockLevels");
    }

    @Test
    void every_public_method_of_the_registry_is_overridden() {
        // A method added to DataLoaderRegistry by an upgrade would answer from the empty registry UsedDataLoaders
        // extends: the engine could then reach, or dispatch, loaders this class does not know of.
        List<String> missing = new ArrayList<>();
        for (Method method : DataLoaderRegistry.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            try {
                UsedDataLoaders.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(method.getName() + Arrays.toString(method.getParameterTypes()));
            }
        }
        assertThat(missing).as("DataLoaderRegistry methods UsedDataLoaders does not override").isEmpty();
    }
}
