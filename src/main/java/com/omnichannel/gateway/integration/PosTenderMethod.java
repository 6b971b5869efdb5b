package com.omnichannel.gateway.integration;

import org.eclipse.microprofile.graphql.Description;

@Description("How a POS sale was paid.")
public enum PosTenderMethod {
    @Description("Cash.") CASH,
    @Description("A payment card at the store's terminal.") CARD,
    @Description("A gift card or voucher.") GIFT_CARD,
    @Description("Any other way the till takes.") OTHER
}
