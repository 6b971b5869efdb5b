package com.omnichannel.gateway.store;

public enum LocationType {
    STORE,
    WAREHOUSE
}
