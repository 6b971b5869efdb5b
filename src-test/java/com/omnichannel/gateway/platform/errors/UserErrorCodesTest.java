package com.omnichannel.gateway.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.cart.CartWarning;
import com.omnichannel.gateway.cart.CartWarningCode;
import com.omnichannel.gateway.cart.PriceChangeWarningCode;
import com.omnichannel.gateway.promotion.DiscountKind;

/**
 * Codes are mostly written by name ({@code UserError.of("CART_EMPTY", ...)}), so the compiler does not see a code the
 * enums lack: this test does. Every upper-case string literal in the service's sources must name a code of
 * {@link UserErrorCode}, {@link CartWarningCode}, {@link ErrorCode} or {@link DiscountKind}, a value of another enum of
 * the schema, or be one of the few other words listed here.
 */
class UserErrorCodesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path SCHEMA = Path.of("graphql-schema/schema.graphql");
    private static final Pattern UPPER_CASE_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern ENUM_BODY = Pattern.compile("(?s)\\benum \\w+ \\{(.*?)}");
    private static final Pattern ENUM_VALUE = Pattern.compile("(?m)^\\s+([A-Z][A-Z0-9_]*)\\s*$");

    /** Upper-case literals that are not codes: Redis and SQL commands, a currency, the hand-off code alphabet, demo sizes. */
    private static final Set<String> NOT_CODES = Set.of(
            "ANALYZE", "BEGIN", "COMMIT", "ROLLBACK", "TRUE", // SQL
            "DEL", "EX", "EXISTS", "EXPIRE", "EVALSHA", "GET", "GETDEL", "GETEX", "HGET", "HSET", "INCR", "LOAD", "MGET",
            "NOSCRIPT", "NX", "OK", "PEXPIRE", "PUBLISH", "SCRIPT", "SET", // Redis
            "CLUSTERDOWN", "EVAL", "PING", "PTTL", "SLOTS", "TRYAGAIN", // Redis (cluster)
            "DEGRADED", "SUBSCRIBED", "SUBSCRIBING", // health check data
            "ABCDEFGHJKMNPQRSTUVWXYZ23456789", "ACDEFGHJKMNPQRTUVWXY34679", // the letters of hand-off and collection codes
            "EUR", "POST", "ID", "SKU", "UNKNOWN", "EARNED", "OC409", "XS", "S", "M", "L", "XL",
            "WHEN_ALL_RETURNED", // a configuration value (app.returns.shipping-refund)
            "JWT"); // the token type of a verified bearer token

    @Test
    void every_code_the_code_base_names_is_in_the_schema_enums() throws IOException {
        Set<String> known = new TreeSet<>();
        Stream.of(UserErrorCode.values(), CartWarningCode.values(), PriceChangeWarningCode.values(), ErrorCode.values(),
                DiscountKind.values())
                .flatMap(Arrays::stream).map(Enum::name).forEach(known::add);
        known.addAll(schemaEnumValues());
        TreeMap<String, String> unknown = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = UPPER_CASE_LITERAL.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    String word = m.group(1);
                    if (!known.contains(word) && !NOT_CODES.contains(word) && !isIsoDurationOrCountry(word)) {
                        unknown.putIfAbsent(word, SOURCES.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(unknown)
                .as("Codes named in the sources but missing from UserErrorCode / CartWarningCode / ErrorCode (add one line "
                        + "with a description to the enum), or literals to list in NOT_CODES")
                .isEmpty();
    }

    @Test
    void a_code_given_by_name_becomes_the_enum_constant() {
        assertThat(UserError.of("CART_EMPTY", "The cart is empty", "input", "cartId").code()).isEqualTo(UserErrorCode.CART_EMPTY);
        assertThat(new CartWarning("NOT_ENOUGH_STOCK", "Only 1 left").code()).isEqualTo(CartWarningCode.NOT_ENOUGH_STOCK);
    }

    @Test
    void the_user_error_codes_are_listed_once_in_alphabetical_order_so_parallel_additions_merge() {
        var names = Arrays.stream(UserErrorCode.values()).map(Enum::name).toList();
        assertThat(names).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void every_top_level_code_is_in_the_schema_and_in_the_api_page_with_when_it_happens() throws IOException {
        String sdl = Files.readString(SCHEMA, StandardCharsets.UTF_8);
        String docs = Files.readString(Path.of("docs/api.md"), StandardCharsets.UTF_8);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(sdl).contains("\"" + code.description() + "\"\n  " + code.name() + "\n");
            assertThat(docs).containsPattern("(?m)^\\| `" + code.name() + "` \\| \\w");
        }
    }

    private static boolean isIsoDurationOrCountry(String word) {
        return word.matches("P[0-9]+[DWMY]|PT[0-9]+[HMS]") || word.matches("[A-Z]{2}");
    }

    private static Set<String> schemaEnumValues() throws IOException {
        String sdl = Files.readString(SCHEMA, StandardCharsets.UTF_8);
        Set<String> values = new TreeSet<>();
        Matcher body = ENUM_BODY.matcher(sdl);
        while (body.find()) {
            Matcher value = ENUM_VALUE.matcher(body.group(1));
            while (value.find()) {
                values.add(value.group(1));
            }
        }
        return values.stream().collect(Collectors.toSet());
    }
}
