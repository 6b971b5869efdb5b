package com.omnichannel.gateway.channel;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

public record KioskDeviceRegisterPayload(KioskDevice kioskDevice,
        @Description("Bearer token for the device: channel KIOSK, bound to its store. Shown once.") String token,
        @NonNull List<@NonNull UserError> userErrors) {
}
