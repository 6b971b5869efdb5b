package com.omnichannel.gateway.platform.ids;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.omnichannel.gateway.platform.errors.ApiException;

/**
 * Opaque, typed object ids: {@code base64url("Product:42")}. Clients treat them as strings; the type prefix
 * lets the server reject an id of the wrong kind instead of silently reading another table.
 */
public final class GlobalId {

    private GlobalId() {
    }

    public static String encode(String type, long id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((type + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** An opaque id for an object whose key is a string (e.g. a UUID) rather than a number. */
    public static String encode(String type, String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((type + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The string key of an id of the expected type, or null when it is malformed or of another type. */
    public static String tryDecodeKey(String expectedType, String id) {
        if (id == null || id.isEmpty() || id.length() > 200) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            if (colon < 0 || !raw.substring(0, colon).equals(expectedType) || colon == raw.length() - 1) {
                return null;
            }
            return raw.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The type inside an id (e.g. "Product"), or null when it is not of the typed form. */
    public static String typeOf(String id) {
        if (id == null || id.isEmpty() || id.length() > 200) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return colon > 0 && colon < raw.length() - 1 && raw.substring(0, colon).matches("[A-Z][A-Za-z]*") ? raw.substring(0, colon) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Decodes an id of the expected type or fails with BAD_USER_INPUT naming the argument. */
    public static long decode(String expectedType, String id, String argument) {
        Long value = tryDecode(expectedType, id);
        if (value == null) {
            throw ApiException.badUserInput("Argument '" + argument + "' is not a valid " + expectedType + " id");
        }
        return value;
    }

    /** Decodes an id of the expected type, or returns null when it is malformed or of another type. */
    public static Long tryDecode(String expectedType, String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            if (colon < 0 || !raw.substring(0, colon).equals(expectedType)) {
                return null;
            }
            long value = Long.parseLong(raw.substring(colon + 1));
            return value > 0 ? value : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
