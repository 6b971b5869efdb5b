package com.omnichannel.gateway.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The SSRF guard on literal addresses (no DNS needed). */
class WebhookTargetGuardTest {

    private final WebhookTargetGuard production = new WebhookTargetGuard(false, List.of());

    @Test
    void internal_addresses_are_refused() throws Exception {
        for (String address : List.of("127.0.0.1", "127.9.9.9", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1",
                "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1",
                "fc00::5", "::ffff:10.0.0.1", "::ffff:127.0.0.1")) {
            assertThat(WebhookTargetGuard.isInternal(InetAddress.getByName(address))).as(address).isTrue();
        }
        for (String address : List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "2001:4860:4860::8888")) {
            assertThat(WebhookTargetGuard.isInternal(InetAddress.getByName(address))).as(address).isFalse();
        }
    }

    @Test
    void only_https_unless_http_is_allowed_and_no_credentials() {
        assertThat(production.refuseForm("http://93.184.216.34/hooks")).contains("https://");
        assertThat(production.refuseForm("https://93.184.216.34/hooks")).isNull();
        assertThat(production.refuseForm("https://a:b@93.184.216.34/hooks")).contains("credentials");
        assertThat(production.refuseForm("gopher://93.184.216.34/")).isNotNull();
        assertThat(new WebhookTargetGuard(true, List.of()).refuseForm("http://93.184.216.34/hooks")).isNull();
    }

    @Test
    void literal_internal_targets_are_refused_unless_allow_listed() {
        assertThat(production.refuse("https://127.0.0.1:7410/hooks")).contains("internal address");
        assertThat(production.refuse("https://169.254.169.254/latest")).contains("internal address");
        assertThat(production.refuse("https://[fd00::1]/hooks")).contains("internal address");
        assertThat(production.refuse("https://93.184.216.34/hooks")).isNull();
        WebhookTargetGuard development = new WebhookTargetGuard(true, List.of("127.0.0.1"));
        assertThat(development.refuse("http://127.0.0.1:7410/hooks")).isNull();
        assertThat(development.refuse("http://10.0.0.1/hooks")).contains("internal address");
    }
}
