package com.omnichannel.gateway.platform.paging;

/** Relay page information. */
public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {

    public static PageInfo empty(boolean hasPreviousPage) {
        return new PageInfo(false, hasPreviousPage, null, null);
    }
}
