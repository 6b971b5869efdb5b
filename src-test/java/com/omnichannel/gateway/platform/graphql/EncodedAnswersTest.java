package com.omnichannel.gateway.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import graphql.ExecutionResult;
import io.smallrye.graphql.execution.ExecutionResponse;

/**
 * An answer whose data was written once ({@link EncodedAnswers}) reads, as SmallRye writes it, exactly as the
 * same answer SmallRye writes from the engine's result: character for character, for every kind of value the
 * engine answers with, every character a string may hold, and numbers at their edges.
 */
class EncodedAnswersTest {

    private static final Object[] NUMBERS = { 0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0L, Long.MAX_VALUE, Long.MIN_VALUE,
            (short) 7, (byte) -3, 0.0, -0.0, 1.0, 0.1, 52.3702, -4.9041, 1e7, 1.0E-7, 123456789.125, Double.MAX_VALUE,
            Double.MIN_VALUE, 1.5f, 0.1f, 3.4028235E38f, new BigDecimal("19.99"), new BigDecimal("0.00"),
            new BigDecimal("1E+3"), new BigDecimal("-0.000001"), new BigInteger("123456789012345678901234567890") };

    enum Status {
        PLACED, SHIPPED
    }

    @Test
    void every_character_of_a_string_is_written_as_smallrye_writes_it() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x800; c++) {
            all.append(c);
        }
        all.append("\u2028\u2029\uFEFF\uD83D\uDE00 \"quoted\" back\\slash /slash </script>");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", all.toString());
        data.put("key \"with\" \n escapes", "value");
        assertWrittenAlike(data);
    }

    @Test
    void numbers_booleans_enums_and_nulls_are_written_as_smallrye_writes_them() {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < NUMBERS.length; i++) {
            data.put("n" + i, NUMBERS[i]);
        }
        data.put("yes", true);
        data.put("no", false);
        data.put("nothing", null);
        data.put("status", Status.SHIPPED);
        data.put("empty", Map.of());
        data.put("none", List.of());
        assertWrittenAlike(data);
    }

    @Test
    void generated_answers_are_written_as_smallrye_writes_them() {
        Random random = new Random(20261207);
        for (int i = 0; i < 300; i++) {
            Map<String, Object> data = object(random, 0);
            assertWrittenAlike(data);
        }
    }

    @Test
    void answers_written_one_after_another_on_a_thread_hold_only_their_own_data() {
        // The thread's buffer is kept between answers: a short answer after a long one, an unwritable one and one
        // larger than the buffer that is kept are each exactly their own data.
        String longText = "x".repeat(300 * 1024);
        assertThat(EncodedAnswers.encode(Map.of("text", longText))).isEqualTo("{\"text\":\"" + longText + "\"}");
        assertThat(EncodedAnswers.encode(Map.of("n", 1))).isEqualTo("{\"n\":1}");
        assertThat(EncodedAnswers.encode(List.of("grüße", "€"))).isEqualTo("[\"grüße\",\"€\"]");
        assertThat(EncodedAnswers.encode(Map.of("ratio", Double.NaN))).isNull();
        assertThat(EncodedAnswers.encode(Map.of("b", true))).isEqualTo("{\"b\":true}");
    }

    @Test
    void member_names_are_written_alike_whether_kept_or_beyond_the_names_kept() {
        // More distinct names (aliases a client chose) than are kept, and names too long to keep, each written twice:
        // kept or not, the same text.
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            // Names longer than those kept: written each time, alike.
            many.put("long_alias_" + i + "_" + "n".repeat(100 + i) + (i % 2 == 0 ? "\\" : ""), i);
        }
        for (int i = 0; i < 6_000; i++) {
            many.put("alias_" + i + (i % 7 == 0 ? "\"\t\u0001ü" : ""), i);
        }
        assertWrittenAlike(many);
        assertWrittenAlike(many);
    }

    @Test
    void an_answer_with_a_value_the_engine_does_not_answer_with_is_left_to_smallrye() {
        assertThat(EncodedAnswers.encode(Map.of("at", java.time.Instant.EPOCH))).isNull();
        assertThat(EncodedAnswers.encode(Map.of("ratio", Double.NaN))).isNull();
        assertThat(EncodedAnswers.encode(Map.of("list", List.of(new Object())))).isNull();
    }

    private static void assertWrittenAlike(Map<String, Object> data) {
        ExecutionResult result = ExecutionResult.newExecutionResult().data(data).build();
        String encoded = EncodedAnswers.encode(data);
        assertThat(encoded).isNotNull();
        String bySmallRye = new ExecutionResponse(result).getExecutionResultAsString();
        String withEncoded = new ExecutionResponse(EncodedAnswers.withEncodedData(result, encoded)).getExecutionResultAsString();
        assertThat(withEncoded).isEqualTo(bySmallRye);
    }

    private static Map<String, Object> object(Random random, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            object.put(string(random), value(random, depth + 1));
        }
        return object;
    }

    private static Object value(Random random, int depth) {
        int kind = random.nextInt(depth < 4 ? 8 : 6);
        return switch (kind) {
            case 0 -> null;
            case 1 -> string(random);
            case 2 -> NUMBERS[random.nextInt(NUMBERS.length)];
            case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(20) - 10);
            case 4 -> random.nextBoolean();
            case 5 -> random.nextBoolean() ? Status.PLACED : random.nextLong();
            case 6 -> object(random, depth);
            default -> {
                List<Object> list = new ArrayList<>();
                int items = random.nextInt(5);
                for (int i = 0; i < items; i++) {
                    list.add(value(random, depth + 1));
                }
                yield list;
            }
        };
    }

    private static String string(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int range = random.nextInt(4);
            text.append((char) switch (range) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x20 + random.nextInt(0x60);
                case 2 -> random.nextInt(0x10000);
                default -> "\"\\/".charAt(random.nextInt(3));
            });
        }
        return text.toString();
    }
}
