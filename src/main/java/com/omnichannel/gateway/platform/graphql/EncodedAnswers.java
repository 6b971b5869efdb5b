package com.omnichannel.gateway.platform.graphql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;

import graphql.ExecutionResult;

/**
 * An answer's data written as JSON text once, straight from the engine's result. SmallRye writes an answer by first
 * copying the result into a {@code jakarta.json} tree, value by value, and then writing that tree: for a list page
 * of a few hundred fields that copy was about a tenth of the request's CPU. The response cache needs the same text
 * (it keeps answers as they are sent), which it used to encode a second time.
 * <p>
 * The text is exactly what SmallRye's writer (Parsson) would write: the same escapes (lowercase hex for control
 * characters) and the same forms of numbers (a {@code Float} or {@code Double} as the shortest decimal that
 * reads back as it, through {@link BigDecimal}). A value of any other type than the engine's (maps, lists,
 * strings, numbers, booleans, enums) is not written here; the answer is then written by SmallRye as before.
 * <p>
 * The text reaches SmallRye's writer as the answer's data (engine patch {@code DATA_ENCODED_ONCE}): a value of
 * SmallRye's {@code jakarta.json} tree, which it adds to the answer as it is, and which the writer writes through
 * {@code toString()}: for a value that says it is a number, that is written as it is. Only answers that go out over
 * HTTP are given it; anything else that reads a result (subscriptions, tests calling the engine) sees the data as
 * the engine made it.
 */
final class EncodedAnswers {

    private static volatile boolean writtenSeen;

    private EncodedAnswers() {
    }

    /**
     * Each thread's buffer, kept from one answer to the next: grown afresh for every answer, copying what was written
     * at each doubling took about a twentieth of the CPU of a product list. One that grew beyond
     * {@link #KEPT_CAPACITY} is not kept, so a thread holds at most that much between answers.
     */
    private static final ThreadLocal<StringBuilder> BUFFERS = ThreadLocal.withInitial(() -> new StringBuilder(16 * 1024));
    private static final int KEPT_CAPACITY = 256 * 1024;

    /** Members' names as written, by name ({@link #member}); at most {@value #KEPT_NAMES}. */
    private static final Map<String, String> MEMBERS = new ConcurrentHashMap<>();
    private static final int KEPT_NAMES = 4_096;
    private static final int KEPT_NAME_LENGTH = 64;

    /** The data as JSON text, or null when it holds a value of a type the engine does not answer with. */
    static String encode(Object data) {
        StringBuilder out = BUFFERS.get();
        out.setLength(0);
        try {
            return write(data, out) ? out.toString() : null;
        } finally {
            if (out.capacity() > KEPT_CAPACITY) {
                BUFFERS.remove();
            }
        }
    }

    /** The result with its data replaced by the data's text, for SmallRye to write as it is. */
    static ExecutionResult withEncodedData(ExecutionResult result, String encodedData) {
        return ExecutionResult.newExecutionResult().from(result).data(new EncodedData(encodedData)).build();
    }

    private static boolean write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            writeString(text, out);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(member(String.valueOf(entry.getKey())));
                if (!write(entry.getValue(), out)) {
                    return false;
                }
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                if (!write(item, out)) {
                    return false;
                }
            }
            out.append(']');
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.append(((Number) value).intValue());
        } else if (value instanceof Long number) {
            out.append(number.longValue());
        } else if (value instanceof Double number) {
            if (number.isNaN() || number.isInfinite()) {
                return false;
            }
            out.append(BigDecimal.valueOf(number));
        } else if (value instanceof Float number) {
            if (number.isNaN() || number.isInfinite()) {
                return false;
            }
            out.append(new BigDecimal(String.valueOf(number.floatValue())));
        } else if (value instanceof BigDecimal number) {
            out.append(number);
        } else if (value instanceof BigInteger number) {
            out.append(new BigDecimal(number));
        } else if (value instanceof Enum<?> constant) {
            writeString(constant.name(), out);
        } else {
            return false;
        }
        return true;
    }

    /**
     * A member's name written as it starts the member ({@code "name":}), kept for the names answers use again and
     * again (the fields of the operations clients send): most of what an answer's writing appends are these names,
     * and one append of a kept text is cheaper than the four of writing it. Names come from clients' documents, so
     * at most {@value #KEPT_NAMES} are kept, each of at most {@value #KEPT_NAME_LENGTH} characters (an alias may be
     * as long as a document allows); the others are written each time.
     */
    private static String member(String name) {
        String kept = MEMBERS.get(name);
        if (kept != null) {
            return kept;
        }
        StringBuilder written = new StringBuilder(name.length() + 3);
        writeString(name, written);
        String member = written.append(':').toString();
        if (name.length() <= KEPT_NAME_LENGTH && MEMBERS.size() < KEPT_NAMES) {
            MEMBERS.putIfAbsent(name, member);
        }
        return member;
    }

    /** A JSON string with Parsson's escapes: quote, backslash and the control characters, nothing else. */
    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        int length = text.length();
        int first = firstToEscape(text, length);
        if (first == length) {
            // Nearly every string (all field names): copied as a whole, which is much faster than in parts.
            out.append(text).append('"');
            return;
        }
        int plainFrom = 0;
        for (int i = first; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, plainFrom, i);
            plainFrom = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    String hex = Integer.toHexString(c);
                    out.append("\\u");
                    for (int pad = hex.length(); pad < 4; pad++) {
                        out.append('0');
                    }
                    out.append(hex);
                }
            }
        }
        out.append(text, plainFrom, length);
        out.append('"');
    }

    private static int firstToEscape(String text, int length) {
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return i;
            }
        }
        return length;
    }

    /**
     * The answer's data as written JSON, in SmallRye's {@code jakarta.json} tree: it says it is a number because
     * Parsson writes a number as its {@code toString()}, unquoted and unescaped. It is no number; nothing reads it
     * as one.
     */
    static final class EncodedData implements JsonNumber {

        private final String json;

        EncodedData(String json) {
            this.json = json;
        }

        @Override
        public String toString() {
            if (!writtenSeen) {
                writtenSeen = true;
                EnginePatches.applied(EnginePatches.Patch.DATA_ENCODED_ONCE);
            }
            return json;
        }

        @Override
        public ValueType getValueType() {
            return JsonValue.ValueType.NUMBER;
        }

        @Override
        public boolean isIntegral() {
            throw notANumber();
        }

        @Override
        public int intValue() {
            throw notANumber();
        }

        @Override
        public int intValueExact() {
            throw notANumber();
        }

        @Override
        public long longValue() {
            throw notANumber();
        }

        @Override
        public long longValueExact() {
            throw notANumber();
        }

        @Override
        public BigInteger bigIntegerValue() {
            throw notANumber();
        }

        @Override
        public BigInteger bigIntegerValueExact() {
            throw notANumber();
        }

        @Override
        public double doubleValue() {
            throw notANumber();
        }

        @Override
        public BigDecimal bigDecimalValue() {
            throw notANumber();
        }

        private static UnsupportedOperationException notANumber() {
            return new UnsupportedOperationException("an answer's data, already written as JSON");
        }
    }
}
