package com.omnichannel.gateway.customer;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Tokens of a signed-in session. Send the access token as 'Authorization: Bearer <token>'; exchange the "
        + "refresh token (once) for new tokens with tokenRefresh before or after the access token expires.")
public record AuthTokens(
        @Description("Short-lived token for 'Authorization: Bearer <token>'; expires at accessTokenExpiresAt.") @NonNull String accessToken,
        @NonNull OffsetDateTime accessTokenExpiresAt,
        @Description("Null for kiosk and staff sessions, which end when the access token expires.") String refreshToken,
        OffsetDateTime refreshTokenExpiresAt) {
}
