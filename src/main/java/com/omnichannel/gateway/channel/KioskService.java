package com.omnichannel.gateway.channel;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.TokenIssuer;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Registers kiosk devices and issues their store-bound tokens. */
@ApplicationScoped
public class KioskService {

    static final int MAX_NAME = 100;

    private final StoreService stores;
    private final TokenIssuer tokens;

    public KioskService(StoreService stores, TokenIssuer tokens) {
        this.stores = stores;
        this.tokens = tokens;
    }

    public Uni<KioskDeviceRegisterPayload> register(Caller caller, KioskDeviceRegisterInput input) {
        caller.requireStaff();
        String name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return failed(UserError.of("INVALID_NAME", "Name must be 1 to " + MAX_NAME + " characters", "input", "name"));
        }
        Long storeKey = GlobalId.tryDecode(Location.TYPE, input.storeId());
        if (storeKey == null) {
            return failed(UserError.of("UNKNOWN_STORE", "No store with this id", "input", "storeId"));
        }
        return stores.findStore(storeKey).chain(store -> {
            if (store == null) {
                return failed(UserError.of("UNKNOWN_STORE", "No store with this id", "input", "storeId"));
            }
            KioskDeviceEntity device = new KioskDeviceEntity();
            device.name = name;
            device.locationId = storeKey;
            device.registeredBy = caller.actor();
            device.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            return Panache.withTransaction(device::persist)
                    .chain(() -> tokens.kioskToken(device.id, store.id()))
                    .map(token -> new KioskDeviceRegisterPayload(
                            new KioskDevice(GlobalId.encode(KioskDevice.TYPE, device.id), device.name, store, device.createdAt),
                            token, List.of()));
        });
    }

    public Uni<Viewer> viewer(Caller caller) {
        Uni<Location> store = caller.storeId() == null ? Uni.createFrom().nullItem() : stores.store(caller.storeId());
        return store.map(s -> new Viewer(caller.channel(), caller.isAuthenticated(),
                caller.roles().stream().sorted().toList(), s));
    }

    private static Uni<KioskDeviceRegisterPayload> failed(UserError error) {
        return Uni.createFrom().item(new KioskDeviceRegisterPayload(null, null, List.of(error)));
    }
}
