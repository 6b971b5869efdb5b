package com.omnichannel.gateway.platform.paging;

import org.eclipse.microprofile.graphql.Description;

/** Relay page information. */
@Description("Where a page stands in the whole list.")
public record PageInfo(
        @Description("Whether more items follow this page.") boolean hasNextPage,
        @Description("Whether items come before this page (true when 'after' was given).") boolean hasPreviousPage,
        @Description("Cursor of the page's first item; null for an empty page.") String startCursor,
        @Description("Cursor of the page's last item: pass it as 'after' for the next page; null for an empty page.") String endCursor) {

    public static PageInfo empty(boolean hasPreviousPage) {
        return new PageInfo(false, hasPreviousPage, null, null);
    }
}
