package com.omnichannel.gateway.integration;

import java.util.ArrayList;
import java.util.List;

import com.omnichannel.gateway.platform.errors.UserError;

/**
 * The amounts of a POS sale as the till charged them, in minor units: per line gross (unit price × quantity), its
 * discount, its share of the included tax and its total; the sale's totals; and whether the tenders cover exactly the
 * total. The included tax is shared out over the lines by their totals, the remainder of the rounding on the last
 * line, so the lines' tax adds up to the receipt's to the minor unit.
 */
record PosReceipt(List<Line> lines, long subtotal, long discount, long tax, long total) {

    static final int MAX_UNITS = 1_000;

    record Line(long unitPrice, int quantity, long discount, long tax, long total) {
    }

    /** A line as charged: its unit price, quantity and discount, in minor units. */
    record Charged(long unitPrice, int quantity, long discount) {
    }

    /** The receipt, or the first rule its amounts break (as a user error with the input field's path). */
    sealed interface Outcome {
    }

    record Valid(PosReceipt receipt) implements Outcome {
    }

    record Invalid(UserError error) implements Outcome {
    }

    static Outcome of(List<Charged> charged, long taxIncluded, List<Long> tenders) {
        long subtotal = 0;
        long discount = 0;
        for (int i = 0; i < charged.size(); i++) {
            Charged c = charged.get(i);
            if (c.quantity() < 1 || c.quantity() > MAX_UNITS) {
                return invalid("INVALID_QUANTITY", "Quantities are 1 to " + MAX_UNITS, "input", "lines", Integer.toString(i), "quantity");
            }
            if (c.unitPrice() < 0) {
                return invalid("INVALID_PRICE", "A unit price is at least 0", "input", "lines", Integer.toString(i), "unitPrice");
            }
            long gross = Math.multiplyExact(c.unitPrice(), (long) c.quantity());
            if (c.discount() < 0 || c.discount() > gross) {
                return invalid("INVALID_AMOUNT", "A discount is between 0 and the line's amount", "input", "lines", Integer.toString(i),
                        "discount");
            }
            subtotal = Math.addExact(subtotal, gross);
            discount += c.discount();
        }
        long total = subtotal - discount;
        if (taxIncluded < 0 || taxIncluded > total) {
            return invalid("INVALID_AMOUNT", "The tax included is between 0 and the sale's total", "input", "taxIncluded");
        }
        long paid = 0;
        for (int i = 0; i < tenders.size(); i++) {
            if (tenders.get(i) <= 0) {
                return invalid("INVALID_AMOUNT", "A tender's amount is above 0", "input", "tenders", Integer.toString(i), "amount");
            }
            paid = Math.addExact(paid, tenders.get(i));
        }
        if (paid != total) {
            return invalid("INVALID_PAYMENT", "The tenders add up to " + paid + " minor units, the sale's total is " + total, "input", "tenders");
        }
        List<Line> lines = new ArrayList<>();
        long taxLeft = taxIncluded;
        for (int i = 0; i < charged.size(); i++) {
            Charged c = charged.get(i);
            long lineTotal = c.unitPrice() * c.quantity() - c.discount();
            long lineTax = i == charged.size() - 1 ? taxLeft
                    : total == 0 ? 0 : java.math.BigInteger.valueOf(taxIncluded).multiply(java.math.BigInteger.valueOf(lineTotal))
                            .divide(java.math.BigInteger.valueOf(total)).longValueExact();
            taxLeft -= lineTax;
            lines.add(new Line(c.unitPrice(), c.quantity(), c.discount(), lineTax, lineTotal));
        }
        return new Valid(new PosReceipt(List.copyOf(lines), subtotal, discount, taxIncluded, total));
    }

    private static Invalid invalid(String code, String message, String... field) {
        return new Invalid(UserError.of(code, message, field));
    }
}
