package com.omnichannel.gateway.returns;

import java.math.BigInteger;

/**
 * What returned units were paid for. Checkout froze each order line's total after promotions and redeemed points were
 * spread over the lines; units of a line share that total. Each return takes the cumulative share of the units
 * returned so far, rounded down, minus what earlier returns took: the cents a division leaves over go to the last
 * units, and returning all units of a line in any number of returns refunds exactly the line's total.
 */
final class RefundProration {

    private RefundProration() {
    }

    /**
     * @param lineTotalMinor what the line's units were paid for together
     * @param lineQuantity   units bought on the line
     * @param before         units of the line earlier returns took
     * @param units          units of this return
     */
    static long unitsShare(long lineTotalMinor, int lineQuantity, int before, int units) {
        return upTo(lineTotalMinor, lineQuantity, before + units) - upTo(lineTotalMinor, lineQuantity, before);
    }

    private static long upTo(long totalMinor, int quantity, int units) {
        return BigInteger.valueOf(totalMinor).multiply(BigInteger.valueOf(units)).divide(BigInteger.valueOf(quantity)).longValueExact();
    }
}
