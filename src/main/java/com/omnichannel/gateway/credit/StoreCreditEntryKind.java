package com.omnichannel.gateway.credit;

import org.eclipse.microprofile.graphql.Description;

@Description("Why a customer's store credit changed.")
public enum StoreCreditEntryKind {
    @Description("A refund paid out as store credit (e.g. for a return).")
    REFUND,
    @Description("Staff added or took away credit, with a reason.")
    ADJUST,
    @Description("Credit spent as a tender at checkout.")
    SPEND,
    @Description("Credit given back because the order it paid for was cancelled before fulfilment.")
    RESTORE
}
