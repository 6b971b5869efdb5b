package com.omnichannel.gateway.platform.paging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One page of items read with {@link PageRequest#fetchSize()} rows, turned into Relay edges.
 */
public final class Page {

    private Page() {
    }

    /**
     * @param rows    up to {@code fetchSize()} items as read from the store
     * @param request the page request
     * @param edge    makes an edge from cursor and item
     * @param connection makes the connection from edges and page info
     */
    public static <T, E, C> C connection(List<T> rows, PageRequest request, BiFunction<String, T, E> edge,
            BiFunction<List<E>, PageInfo, C> connection) {
        boolean hasNext = rows.size() > request.first();
        int count = Math.min(rows.size(), request.first());
        List<E> edges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            edges.add(edge.apply(request.cursorAt(i), rows.get(i)));
        }
        PageInfo info = count == 0
                ? PageInfo.empty(request.offset() > 0)
                : new PageInfo(hasNext, request.offset() > 0, request.cursorAt(0), request.cursorAt(count - 1));
        return connection.apply(edges, info);
    }
}
