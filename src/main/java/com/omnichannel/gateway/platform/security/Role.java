package com.omnichannel.gateway.platform.security;

/** Roles carried in the {@code groups} claim of a token. */
public final class Role {
    public static final String CUSTOMER = "customer";
    public static final String KIOSK = "kiosk";
    public static final String STAFF = "staff";
    public static final String ADMIN = "admin";
    /** A system around the shop (POS, WMS, ERP) sending stock counts and store sales; no staff rights otherwise. */
    public static final String INTEGRATION = "integration";

    private Role() {
    }
}
