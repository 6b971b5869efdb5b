package com.omnichannel.gateway.channel;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import com.omnichannel.gateway.platform.security.CallerResolver;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class KioskGraphQLApi {

    private final KioskService kiosks;
    private final CallerResolver callers;

    public KioskGraphQLApi(KioskService kiosks, CallerResolver callers) {
        this.kiosks = kiosks;
        this.callers = callers;
    }

    @Query("viewer")
    @Description("The caller as the server sees it: channel, roles and (for kiosks) the store.")
    public Uni<@NonNull Viewer> viewer() {
        return kiosks.viewer(callers.current());
    }

    @Mutation("kioskDeviceRegister")
    @Description("Staff: register a kiosk for a store and issue its token.")
    public Uni<@NonNull KioskDeviceRegisterPayload> kioskDeviceRegister(
            @Description("What to do; see the input type's fields.") @NonNull KioskDeviceRegisterInput input) {
        return kiosks.register(callers.current(), input);
    }
}
