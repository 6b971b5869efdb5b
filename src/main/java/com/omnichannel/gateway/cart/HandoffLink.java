package com.omnichannel.gateway.cart;

/**
 * The link a hand-off QR code carries, so that a phone's camera opens the shop (or app) at the claim: the configured
 * template with {@value #PLACEHOLDER} replaced by the code (without its dash).
 */
record HandoffLink(String template) {

    static final String PLACEHOLDER = "{code}";

    static HandoffLink of(String template) {
        if (template == null || !template.contains(PLACEHOLDER)) {
            throw new IllegalArgumentException("app.cart.handoff-link-template must contain " + PLACEHOLDER + ": " + template);
        }
        return new HandoffLink(template);
    }

    String forCode(String code) {
        return template.replace(PLACEHOLDER, code);
    }
}
