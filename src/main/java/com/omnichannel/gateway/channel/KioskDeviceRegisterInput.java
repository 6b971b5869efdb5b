package com.omnichannel.gateway.channel;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A kiosk to register.")
@Input("KioskDeviceRegisterInput")
public record KioskDeviceRegisterInput(@NonNull @Description("e.g. 'Entrance kiosk 2'") String name,
        @NonNull @Id @Description("The store the kiosk stands in.") String storeId) {
}
