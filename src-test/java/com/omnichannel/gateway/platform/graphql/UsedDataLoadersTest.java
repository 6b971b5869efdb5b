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
    void loaders_made_once_are_copied_per_request_with_a_cache_of_their_own() {
        DataLoaderRegistry madeOnce = new DataLoaderRegistry();
        madeOnce.register("variants", loader("variants"));
        madeOnce.register("category", loader("category"));
        UsedDataLoaders oneRequest = UsedDataLoaders.copying(madeOnce.getDataLoadersMap());
        UsedDataLoaders another = UsedDataLoaders.copying(madeOnce.getDataLoadersMap());

        DataLoader<Integer, String> variants = oneRequest.getDataLoader("variants");
        assertThat(oneRequest.getDataLoader("variants")).as("the same loader all through a request").isSameAs(variants);
        CompletableFuture<String> first = variants.load(1);
        oneRequest.dispatchAll();
        CompletableFuture<String> again = another.<Integer, String>getDataLoader("variants").load(1);
        assertThat(another.dispatchAllWithCount()).isEqualTo(1);

        assertThat(first.join()).isEqualTo("variants1");
        assertThat(again.join()).isEqualTo("variants1");
        // Loaded in each request: a value loaded for one request is not kept for another.
        assertThat(batches).containsExactly("variants[1]", "variants[1]");
        assertThat(variants.getName()).isEqualTo("variants");
        assertThat(madeOnce.getDataLoader("variants").getCacheMap().getAll()).as("the loader made once").isEmpty();
        assertThat(oneRequest.getDataLoader("stockLevels")).isNull();
        assertThat(oneRequest.getKeys()).containsExactlyInAnyOrder("variants", "category");
        assertThat(UsedDataLoaders.batchLoadFunction(another, "category"))
                .isSameAs(madeOnce.getDataLoader("category").getBatchLoadFunction());
        assertThat(another.getDataLoaders()).as("no loader made for a batch function read").hasSize(1);
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
