package com.omnichannel.gateway.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A pickup slot's id says what the slot is (store, start, length), so slots need no rows until they are booked:
 * {@code base64url("PickupSlot:<store>:<epoch second>:<minutes>")}.
 */
public record PickupSlotId(long storeKey, Instant startsAt, int minutes) {

    static final String TYPE = "PickupSlot";

    public Instant endsAt() {
        return startsAt.plusSeconds(minutes * 60L);
    }

    public String encode() {
        String raw = TYPE + ":" + storeKey + ":" + startsAt.getEpochSecond() + ":" + minutes;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The slot an id names, or null when it is not a pickup slot id. */
    public static PickupSlotId tryDecode(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8).split(":");
            if (parts.length != 4 || !parts[0].equals(TYPE)) {
                return null;
            }
            long store = Long.parseLong(parts[1]);
            long start = Long.parseLong(parts[2]);
            int minutes = Integer.parseInt(parts[3]);
            return store > 0 && minutes > 0 ? new PickupSlotId(store, Instant.ofEpochSecond(start), minutes) : null;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return null;
        }
    }
}
