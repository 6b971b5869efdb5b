package com.omnichannel.gateway.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shared email, country and postal code rules, without Quarkus. */
class AddressRulesTest {

    @Test
    void an_email_has_a_local_part_and_a_domain_of_non_empty_labels_with_a_real_top_level_domain() {
        assertThat(EmailAddress.isValid("someone@example.com")).isTrue();
        assertThat(EmailAddress.isValid("first.last+tag@mail.example.co.uk")).isTrue();
        assertThat(EmailAddress.isValid("a@b..cc")).isFalse();
        assertThat(EmailAddress.isValid("someone@.example.com")).isFalse();
        assertThat(EmailAddress.isValid("someone@example.")).isFalse();
        assertThat(EmailAddress.isValid("someone@example")).isFalse();
        assertThat(EmailAddress.isValid("someone@example.c")).isFalse();
        assertThat(EmailAddress.isValid("two@@example.com")).isFalse();
        assertThat(EmailAddress.isValid("some one@example.com")).isFalse();
        assertThat(EmailAddress.isValid("a".repeat(65) + "@example.com")).isFalse();
        assertThat(EmailAddress.isValid("a@" + "b".repeat(250) + ".com")).isFalse();
        assertThat(EmailAddress.isValid(null)).isFalse();
    }

    @Test
    void emails_are_stored_trimmed_and_in_lower_case() {
        assertThat(EmailAddress.normalize("  Someone@Example.COM ")).isEqualTo("someone@example.com");
        assertThat(EmailAddress.normalize(null)).isEmpty();
    }

    @Test
    void countries_are_iso_codes_in_upper_case() {
        assertThat(PostalAddressRules.country(" de ")).isEqualTo("DE");
        assertThat(PostalAddressRules.country("XX")).isNull();
        assertThat(PostalAddressRules.country("DEU")).isNull();
        assertThat(PostalAddressRules.country(null)).isNull();
    }

    @Test
    void postal_codes_follow_their_country_format_where_it_is_known() {
        assertThat(PostalAddressRules.postalCode("10115", "DE")).isEqualTo("10115");
        assertThat(PostalAddressRules.postalCode("ABC", "DE")).isNull();
        assertThat(PostalAddressRules.postalCode("1011", "DE")).isNull();
        assertThat(PostalAddressRules.postalCode("1010", "AT")).isEqualTo("1010");
        assertThat(PostalAddressRules.postalCode(" 1012 ab", "NL")).isEqualTo("1012 AB");
        assertThat(PostalAddressRules.postalCode("nw1 6xe", "GB")).isEqualTo("NW1 6XE");
        assertThat(PostalAddressRules.postalCode("94105-1234", "US")).isEqualTo("94105-1234");
        assertThat(PostalAddressRules.postalCode("9410", "US")).isNull();
    }

    @Test
    void elsewhere_a_postal_code_is_two_to_eleven_letters_digits_spaces_or_dashes() {
        assertThat(PostalAddressRules.postalCode("100-0001", "JP")).isEqualTo("100-0001");
        assertThat(PostalAddressRules.postalCode("1000", "BE")).isEqualTo("1000");
        assertThat(PostalAddressRules.postalCode("1", "BE")).isNull();
        assertThat(PostalAddressRules.postalCode("1000-", "BE")).isNull();
        assertThat(PostalAddressRules.postalCode("123456789012", "BE")).isNull();
        assertThat(PostalAddressRules.postalCode(null, "BE")).isNull();
    }

    @Test
    void a_broken_rule_names_the_field_at_fault() {
        assertThat(PostalAddressRules.check("DE", "10115")).isNull();
        assertThat(PostalAddressRules.check("XX", "10115").field()).isEqualTo("countryCode");
        PostalAddressRules.Violation postal = PostalAddressRules.check("DE", "ABC");
        assertThat(postal.field()).isEqualTo("postalCode");
        assertThat(postal.reason()).contains("DE");
    }
}
