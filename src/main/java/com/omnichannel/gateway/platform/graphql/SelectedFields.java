package com.omnichannel.gateway.platform.graphql;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;

/**
 * Which sub-fields the client selected under the field being resolved, for resolvers that read a parent's children in
 * the same statement when they are asked for. Read from the query text of the field (fragments followed,
 * {@code @skip}/{@code @include} not evaluated): a field that is skipped still reads as selected, which costs a read
 * of rows nobody shows but never a wrong answer. Outside a resolver call nothing reads as selected.
 * <p>
 * The engine's selection set is not used: it normalises the whole operation first, and {@link PlainFieldFetching}
 * hides it from the engine's fetchers for that reason.
 */
@ApplicationScoped
public class SelectedFields {

    private final Context context;

    public SelectedFields(Context context) {
        this.context = context;
    }

    /** Whether a field is selected at this path below the current field, e.g. {@code "edges", "node", "lines"}. */
    public boolean contain(String... path) {
        DataFetchingEnvironment environment;
        try {
            environment = context.unwrap(DataFetchingEnvironment.class);
        } catch (RuntimeException outsideResolverCall) {
            return false;
        }
        if (environment == null || environment.getMergedField() == null) {
            return false;
        }
        Map<String, FragmentDefinition> fragments = environment.getFragmentsByName();
        for (Field field : environment.getMergedField().getFields()) {
            if (contains(field.getSelectionSet(), path, 0, fragments)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(SelectionSet selections, String[] path, int depth, Map<String, FragmentDefinition> fragments) {
        if (selections == null) {
            return false;
        }
        for (Selection<?> selection : selections.getSelections()) {
            boolean found = false;
            if (selection instanceof Field field) {
                found = field.getName().equals(path[depth])
                        && (depth == path.length - 1 || contains(field.getSelectionSet(), path, depth + 1, fragments));
            } else if (selection instanceof InlineFragment inline) {
                found = contains(inline.getSelectionSet(), path, depth, fragments);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition definition = fragments == null ? null : fragments.get(spread.getName());
                found = definition != null && contains(definition.getSelectionSet(), path, depth, fragments);
            }
            if (found) {
                return true;
            }
        }
        return false;
    }
}
