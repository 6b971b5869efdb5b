package com.omnichannel.gateway.platform.security;

import java.util.Set;

import com.omnichannel.gateway.platform.errors.ApiException;

/**
 * Who is calling and through which channel, resolved once per request from the token and the
 * {@code X-Channel} header, then passed explicitly to services.
 *
 * @param subject the token subject, or null for anonymous callers
 * @param roles   roles from the token
 * @param channel the channel this request counts for
 * @param storeId for kiosks, the store the device is bound to
 */
public record Caller(String subject, Set<String> roles, Channel channel, Long storeId) {

    public boolean isAuthenticated() {
        return subject != null;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isStaff() {
        return hasRole(Role.STAFF) || hasRole(Role.ADMIN);
    }

    /** The signed-in customer's id (the token subject); null for guests, staff and devices. */
    public String customerId() {
        return hasRole(Role.CUSTOMER) ? subject : null;
    }

    /** The name recorded in ledgers and timelines. */
    public String actor() {
        return subject == null ? "anonymous" : subject;
    }

    /**
     * Fails with UNAUTHENTICATED for anonymous callers and FORBIDDEN for callers that are neither staff nor a system
     * with an integration token (stock counts and store sales from a POS or WMS).
     */
    public Caller requireStaffOrIntegration() {
        if (!isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        if (!isStaff() && !hasRole(Role.INTEGRATION)) {
            throw ApiException.forbidden();
        }
        return this;
    }

    /** Fails with UNAUTHENTICATED for anonymous callers and FORBIDDEN for callers without staff rights. */
    public Caller requireStaff() {
        if (!isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        if (!isStaff()) {
            throw ApiException.forbidden();
        }
        return this;
    }
}
