package com.omnichannel.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A variant's options read from the text the database keeps, when first used. */
class StoredOptionsTest {

    @Test
    void options_are_read_in_order_with_their_escapes() {
        List<SelectedOption> options = StoredOptions.of(
                "[{\"name\": \"Size\", \"value\": \"M\"}, {\"value\": \"Bl\\u00e4u \\\"Nacht\\\"\", \"name\": \"Colour\"}]");

        assertThat(options).containsExactly(new SelectedOption("Size", "M"), new SelectedOption("Colour", "Bläu \"Nacht\""));
        assertThat(options).isEqualTo(List.of(new SelectedOption("Size", "M"), new SelectedOption("Colour", "Bläu \"Nacht\"")));
        assertThat(options.hashCode()).isEqualTo(List.of(new SelectedOption("Size", "M"),
                new SelectedOption("Colour", "Bläu \"Nacht\"")).hashCode());
    }

    @Test
    void fields_it_does_not_know_are_passed_over() {
        assertThat(StoredOptions.of("[{\"name\":\"Size\",\"extra\":{\"a\":[1,2]},\"value\":\"L\",\"n\":3}]"))
                .containsExactly(new SelectedOption("Size", "L"));
    }

    @Test
    void no_text_and_an_empty_array_are_no_options() {
        assertThat(StoredOptions.of(null)).isEmpty();
        assertThat(StoredOptions.of("[]")).isEmpty();
    }

    @Test
    void text_that_is_not_an_array_fails_when_the_options_are_used() {
        List<SelectedOption> options = StoredOptions.of("{\"name\":\"Size\"}");
        assertThatThrownBy(options::size).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_list_cannot_be_changed() {
        List<SelectedOption> options = StoredOptions.of("[{\"name\":\"Size\",\"value\":\"M\"}]");
        assertThatThrownBy(() -> options.add(new SelectedOption("Colour", "Red"))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(options).hasSize(1);
    }
}
