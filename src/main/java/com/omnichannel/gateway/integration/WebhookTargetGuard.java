package com.omnichannel.gateway.integration;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Refuses webhook targets that would make this service a way into its own network (SSRF): non-https URLs unless
 * http is allowed, credentials in URLs, and hosts that resolve to loopback, private, link-local, unspecified,
 * multicast, carrier-grade NAT, unique-local IPv6 or cloud metadata addresses, unless the host is allow-listed.
 * Checked when a subscription is saved and again before every delivery (a host's DNS may change in between).
 * Resolving a name blocks: call it off the event loop.
 */
@ApplicationScoped
class WebhookTargetGuard {

    private final boolean allowHttp;
    private final Set<String> allowedHosts;

    @Inject
    WebhookTargetGuard(WebhookConfig config) {
        this(config.allowHttp(), config.allowedHosts().orElse(List.of()));
    }

    WebhookTargetGuard(boolean allowHttp, List<String> allowedHosts) {
        this.allowHttp = allowHttp;
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Why the URL's form is refused (no DNS look-up), or null when it is acceptable. */
    String refuseForm(String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            return "Give an absolute https URL of at most 2000 characters.";
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return "The URL is not valid.";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return allowHttp ? "The URL must start with https:// or http://." : "The URL must start with https://.";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "The URL has no host.";
        }
        if (uri.getRawUserInfo() != null) {
            return "The URL must not contain credentials; the signature authenticates deliveries.";
        }
        return null;
    }

    /** Why the URL is refused, resolving its host (blocking), or null when it may be sent to. */
    String refuse(String url) {
        String form = refuseForm(url);
        if (form != null) {
            return form;
        }
        String host = URI.create(url.trim()).getHost().toLowerCase(Locale.ROOT);
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowedHosts.contains(host) || allowedHosts.contains(bare)) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return "The URL's host does not resolve.";
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return "The URL's host resolves to an internal address (" + address.getHostAddress()
                        + "); only public addresses may receive webhooks.";
            }
        }
        return null;
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this" network
                    || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 169 && second == 254) // link-local, cloud metadata
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local (includes fd00::/8)
                return true;
            }
            boolean mappedV4 = true;
            for (int i = 0; i < 10; i++) {
                mappedV4 &= b[i] == 0;
            }
            if (mappedV4 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
