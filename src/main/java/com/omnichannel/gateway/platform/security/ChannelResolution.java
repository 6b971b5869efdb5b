package com.omnichannel.gateway.platform.security;

import java.util.Locale;
import java.util.Set;

import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.ErrorCode;

/**
 * The one rule for the channel a request counts for, used by the HTTP gate before GraphQL runs and by
 * {@link CallerResolver} for the resolvers. The token fixes the channel when it says kiosk (a kiosk device, or a
 * customer's kiosk session); otherwise the {@code X-Channel} header chooses, where KIOSK must be backed by a kiosk
 * token and STAFF and POS by a staff or integration token; otherwise staff and integration tokens count for STAFF and
 * everyone else for WEB.
 */
public sealed interface ChannelResolution {

    /** The channel the request counts for. */
    record Resolved(Channel channel) implements ChannelResolution {
    }

    /**
     * A request whose channel is refused: an unknown header ({@code BAD_USER_INPUT}), or a KIOSK or STAFF header
     * without the token for it ({@code FORBIDDEN}).
     *
     * @param requested the channel the header asked for, or null when it names none
     * @param fallback  the channel the request would count for without the header
     */
    record Refused(Channel requested, Channel fallback, ErrorCode code, String message) implements ChannelResolution {
    }

    /**
     * @param roles        the roles of the caller's token (none for anonymous callers)
     * @param channelClaim the token's {@value TokenIssuer#CHANNEL_CLAIM} claim, or null
     * @param header       the {@code X-Channel} header, or null
     */
    static ChannelResolution of(Set<String> roles, Object channelClaim, String header) {
        boolean kiosk = roles.contains(Role.KIOSK) || (channelClaim != null && Channel.KIOSK.name().equals(channelClaim.toString()));
        boolean staff = roles.contains(Role.STAFF) || roles.contains(Role.ADMIN);
        boolean integration = roles.contains(Role.INTEGRATION);
        Channel fallback = kiosk ? Channel.KIOSK : staff || integration ? Channel.STAFF : Channel.WEB;
        Channel requested = null;
        if (header != null && !header.isBlank()) {
            try {
                requested = Channel.valueOf(header.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // Refused even where the token fixes the channel: a client that sends a header must send a valid one.
                return new Refused(null, fallback, ErrorCode.BAD_USER_INPUT,
                        "Header " + CallerResolver.CHANNEL_HEADER + " must be one of WEB, MOBILE, KIOSK, STAFF, POS");
            }
        }
        if (kiosk || requested == null) {
            return new Resolved(fallback);
        }
        if (requested == Channel.KIOSK || (requested == Channel.STAFF && !staff && !integration)) {
            return new Refused(requested, fallback, ErrorCode.FORBIDDEN,
                    "Channel " + requested + " requires a " + requested.name().toLowerCase(Locale.ROOT) + " token");
        }
        if (requested == Channel.POS && !staff && !integration) {
            return new Refused(requested, fallback, ErrorCode.FORBIDDEN, "Channel POS requires a staff or integration token");
        }
        return new Resolved(requested);
    }

    /** The channel, or the refusal as the error the client gets. */
    default Channel orThrow() {
        if (this instanceof Refused refused) {
            throw new ApiException(refused.code(), refused.message());
        }
        return ((Resolved) this).channel();
    }

    /**
     * The channel a request is counted and checked under before GraphQL runs, where a refused one is not answered
     * yet (the resolvers refuse it, with the error of {@link #orThrow()}): the channel it asked for, else the one it
     * would have without the header.
     */
    default Channel countedAs() {
        if (this instanceof Refused refused) {
            return refused.requested() != null ? refused.requested() : refused.fallback();
        }
        return ((Resolved) this).channel();
    }
}
