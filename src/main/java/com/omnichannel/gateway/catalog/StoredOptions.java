package com.omnichannel.gateway.catalog;

import java.io.IOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A variant's options as the database keeps them (a JSON array of objects with a name and a value), read when first
 * used.
 * <p>
 * Most reads of variants (product lists, carts, availability) do not select the options, yet decoding them into
 * JSON objects with every row was about a tenth of the CPU of an uncached product list. The text is read with a
 * streaming parser, straight into the options, the first time the list is used; the list is immutable.
 */
final class StoredOptions extends AbstractList<SelectedOption> {

    private static final JsonFactory JSON = new JsonFactory();

    private final String json;
    private volatile List<SelectedOption> read;

    private StoredOptions(String json) {
        this.json = json;
    }

    /** The options stored as {@code json}; none when there is no text. */
    static List<SelectedOption> of(String json) {
        return json == null ? List.of() : new StoredOptions(json);
    }

    @Override
    public SelectedOption get(int index) {
        return options().get(index);
    }

    @Override
    public int size() {
        return options().size();
    }

    private List<SelectedOption> options() {
        List<SelectedOption> known = read;
        if (known == null) {
            known = parse(json);
            read = known;
        }
        return known;
    }

    static List<SelectedOption> parse(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException("Variant options are not a JSON array");
            }
            List<SelectedOption> options = new ArrayList<>(2);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String name = null;
                String value = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken token = parser.nextToken();
                    if ("name".equals(field) && token == JsonToken.VALUE_STRING) {
                        name = parser.getText();
                    } else if ("value".equals(field) && token == JsonToken.VALUE_STRING) {
                        value = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
                options.add(new SelectedOption(name, value));
            }
            return List.copyOf(options);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable variant options", e);
        }
    }
}
