package com.omnichannel.gateway.platform.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.omnichannel.gateway.platform.errors.ApiException;

/**
 * A validated request for one page of a list: how many items and where to start.
 * Cursors are opaque to clients; inside they carry the position and the list they belong to, so a cursor taken
 * from one list (or one sort order) is rejected by another instead of returning a confusing page.
 *
 * @param first  number of items, 1..max
 * @param offset index of the first item
 * @param scope  the list (and ordering) the cursors belong to
 */
public record PageRequest(int first, int offset, String scope) {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    public static PageRequest of(Integer first, String after, String scope) {
        return of(first, after, scope, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    }

    public static PageRequest of(Integer first, String after, String scope, int defaultSize, int maxSize) {
        int size = first == null ? defaultSize : first;
        if (size < 0 || size > maxSize) {
            throw ApiException.badUserInput("Argument 'first' must be between 0 and " + maxSize);
        }
        int offset = after == null ? 0 : decode(after, scope) + 1;
        return new PageRequest(size, offset, scope);
    }

    /** How many rows to fetch: one more than the page, to learn whether a next page exists. */
    public int fetchSize() {
        return first + 1;
    }

    public String cursorAt(int indexInPage) {
        String raw = scope + "|" + (offset + indexInPage);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String cursor, String scope) {
        try {
            if (cursor.length() > 200) {
                throw new IllegalArgumentException();
            }
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.lastIndexOf('|');
            if (bar < 0 || !raw.substring(0, bar).equals(scope)) {
                throw new IllegalArgumentException();
            }
            int position = Integer.parseInt(raw.substring(bar + 1));
            if (position < 0) {
                throw new IllegalArgumentException();
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw ApiException.badUserInput("Argument 'after' is not a valid cursor for this list");
        }
    }
}
