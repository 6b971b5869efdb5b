package com.omnichannel.gateway.channel;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

@Description("The answer of kioskDeviceRegister: the kiosk and its token.")
public record KioskDeviceRegisterPayload(
        @Description("The registered kiosk; null with userErrors.") KioskDevice kioskDevice,
        @Description("Bearer token for the device: channel KIOSK, bound to its store. Shown once.") String token,
        @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
}
