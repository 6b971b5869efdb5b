package com.omnichannel.gateway.catalog;

import java.net.URI;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.omnichannel.gateway.platform.validation.ExternalReference;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.money.Money;

/**
 * The rules a product or variant must satisfy before it is written. Each check adds a {@link UserError}
 * naming the input field, so a client sees every problem at once.
 */
final class CatalogValidation {

    static final int MAX_NAME = 200;
    static final int MAX_SLUG = 120;
    static final int MAX_DESCRIPTION = 20_000;
    static final int MAX_BRAND = 100;
    static final int MAX_IMAGES = 20;
    static final int MAX_VARIANTS = 100;
    static final int MAX_OPTIONS = 10;
    static final int MAX_OPTION_TEXT = 60;
    static final int MAX_SKU = 64;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");

    private final List<UserError> errors = new ArrayList<>();

    List<UserError> errors() {
        return errors;
    }

    boolean ok() {
        return errors.isEmpty();
    }

    void add(String code, String message, String... field) {
        errors.add(UserError.of(code, message, field));
    }

    String name(String name, String... field) {
        if (name == null) {
            return null;
        }
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            add("INVALID_NAME", "Name must be 1 to " + MAX_NAME + " characters", field);
        }
        return trimmed;
    }

    String slug(String slug, String... field) {
        if (slug == null) {
            return null;
        }
        if (slug.length() > MAX_SLUG || !SLUG.matcher(slug).matches()) {
            add("INVALID_SLUG", "Slug must be lowercase letters, digits and single hyphens, at most " + MAX_SLUG
                    + " characters", field);
        }
        return slug;
    }

    static String slugify(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "product" : slug;
    }

    String text(String value, int max, String code, String... field) {
        if (value != null && value.length() > max) {
            add(code, "At most " + max + " characters", field);
        }
        return value;
    }

    List<String> imageUrls(List<String> urls, String... field) {
        if (urls == null) {
            return null;
        }
        if (urls.size() > MAX_IMAGES) {
            add("TOO_MANY_IMAGES", "At most " + MAX_IMAGES + " images", field);
            return urls;
        }
        for (String url : urls) {
            if (!isHttpUrl(url)) {
                add("INVALID_IMAGE_URL", "Image URLs must be absolute http(s) URLs of at most 2000 characters", field);
                break;
            }
        }
        return urls;
    }

    private static boolean isHttpUrl(String url) {
        if (url == null || url.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    String sku(String sku, String... field) {
        if (sku == null) {
            return null;
        }
        String trimmed = sku.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_SKU || !SKU.matcher(trimmed).matches()) {
            add("INVALID_SKU", "SKU must be 1 to " + MAX_SKU + " letters, digits, '.', '_', '/' or '-'", field);
        }
        return trimmed;
    }

    String barcode(String barcode, String... field) {
        if (barcode == null || barcode.isEmpty()) {
            return null;
        }
        if (!Gtin.isValid(barcode)) {
            add("INVALID_BARCODE", "Barcode must be a GTIN (8, 12, 13 or 14 digits) with a valid check digit", field);
        }
        return barcode;
    }

    String externalRef(String reference, String... field) {
        if (reference == null) {
            return null;
        }
        if (!ExternalReference.isValid(reference)) {
            add("INVALID_EXTERNAL_REF", "An external reference has 1 to " + ExternalReference.MAX_LENGTH
                    + " printable characters and no spaces at either end", field);
        }
        return reference;
    }

    Long price(String amount, String currency, String... field) {
        if (amount == null) {
            return null;
        }
        try {
            long minor = Money.toMinor(amount, currency);
            if (minor < 0) {
                add("INVALID_PRICE", "Price must be at least 0", field);
                return null;
            }
            return minor;
        } catch (IllegalArgumentException e) {
            add("INVALID_PRICE", e.getMessage(), field);
            return null;
        }
    }

    List<SelectedOption> options(List<SelectedOptionInput> options, String... field) {
        if (options == null) {
            return null;
        }
        if (options.size() > MAX_OPTIONS) {
            add("INVALID_OPTIONS", "At most " + MAX_OPTIONS + " options", field);
            return List.of();
        }
        List<SelectedOption> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SelectedOptionInput o : options) {
            if (o == null || o.name() == null || o.value() == null) {
                add("INVALID_OPTIONS", "Options must each have a name and a value", field);
                return List.of();
            }
            String name = o.name().strip();
            String value = o.value().strip();
            if (name.isEmpty() || value.isEmpty() || name.length() > MAX_OPTION_TEXT || value.length() > MAX_OPTION_TEXT) {
                add("INVALID_OPTIONS", "Option names and values must be 1 to " + MAX_OPTION_TEXT + " characters", field);
                return List.of();
            }
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                add("INVALID_OPTIONS", "Option '" + name + "' is given twice", field);
                return List.of();
            }
            result.add(new SelectedOption(name, value));
        }
        return result;
    }

    static String titleFrom(List<SelectedOption> options, String sku) {
        if (options == null || options.isEmpty()) {
            return sku;
        }
        return String.join(" / ", options.stream().map(SelectedOption::value).toList());
    }
}
