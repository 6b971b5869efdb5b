package com.omnichannel.gateway.checkout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.cart.FulfilmentType;

/**
 * Computes an order's totals from frozen line prices: subtotal, discounts, shipping (rate table; free for
 * pickup and curbside), tax (rate table by destination, prices stated tax-inclusive or tax-exclusive as
 * configured) and total. Amounts are integer minor units; tax is rounded half-up per line and on shipping.
 */
@ApplicationScoped
public class CheckoutPricing {

    private final CheckoutConfig config;

    public CheckoutPricing(CheckoutConfig config) {
        this.config = config;
    }

    public record PricedLine(long unitPriceMinor, int quantity, long discountMinor) {
        long grossMinor() {
            return unitPriceMinor * quantity;
        }

        long netMinor() {
            return grossMinor() - discountMinor;
        }
    }

    /** Per line: discount, tax and total; per order: the totals. */
    public record Totals(List<LineTotals> lines, long subtotalMinor, long discountMinor, long shippingMinor,
            long taxMinor, long totalMinor, boolean pricesIncludeTax) {
    }

    public record LineTotals(long discountMinor, long taxMinor, long totalMinor) {
    }

    public boolean pricesIncludeTax() {
        return config.pricesIncludeTax();
    }

    /** Whether orders can be shipped to the country. */
    public boolean shipsTo(String countryCode) {
        return config.shipping().containsKey(countryCode);
    }

    /**
     * @param freeShipping a promotion waives shipping
     * @param currencyDigits fraction digits of the currency (2 for EUR)
     */
    public Totals price(List<PricedLine> lines, FulfilmentType fulfilment, String countryCode, String region,
            boolean freeShipping, int currencyDigits) {
        BigDecimal rate = taxRate(countryCode, region);
        boolean inclusive = config.pricesIncludeTax();
        long subtotal = 0;
        long discount = 0;
        long tax = 0;
        long net = 0;
        List<LineTotals> lineTotals = new ArrayList<>(lines.size());
        for (PricedLine line : lines) {
            long lineTax = taxOf(line.netMinor(), rate, inclusive);
            subtotal += line.grossMinor();
            discount += line.discountMinor();
            net += line.netMinor();
            tax += lineTax;
            lineTotals.add(new LineTotals(line.discountMinor(), lineTax, line.netMinor() + (inclusive ? 0 : lineTax)));
        }
        long shipping = freeShipping ? 0 : shippingOf(fulfilment, countryCode, net, currencyDigits);
        long shippingTax = taxOf(shipping, rate, inclusive);
        tax += shippingTax;
        long total = net + shipping + (inclusive ? 0 : tax);
        return new Totals(lineTotals, subtotal, discount, shipping, tax, total, inclusive);
    }

    private long shippingOf(FulfilmentType fulfilment, String countryCode, long discountedSubtotal, int digits) {
        if (fulfilment != FulfilmentType.SHIP) {
            return 0;
        }
        CheckoutConfig.ShippingRate rate = config.shipping().get(countryCode);
        if (rate == null) {
            throw new IllegalArgumentException("No shipping rate for " + countryCode);
        }
        if (rate.freeOver().isPresent() && discountedSubtotal >= minor(rate.freeOver().get(), digits)) {
            return 0;
        }
        return minor(rate.flatRate(), digits);
    }

    BigDecimal taxRate(String countryCode, String region) {
        if (region != null && !region.isBlank()) {
            BigDecimal regional = config.tax().rates().get(countryCode + "-" + region);
            if (regional != null) {
                return regional;
            }
        }
        return config.tax().rates().getOrDefault(countryCode, config.tax().defaultRate());
    }

    /** Tax in an amount (inclusive) or on an amount (exclusive), rounded half-up to minor units. */
    static long taxOf(long amountMinor, BigDecimal ratePercent, boolean inclusive) {
        if (amountMinor == 0 || ratePercent.signum() == 0) {
            return 0;
        }
        BigDecimal amount = BigDecimal.valueOf(amountMinor);
        BigDecimal result = inclusive
                ? amount.multiply(ratePercent).divide(BigDecimal.valueOf(100).add(ratePercent), 0, RoundingMode.HALF_UP)
                : amount.multiply(ratePercent).divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP);
        return result.longValueExact();
    }

    private static long minor(BigDecimal amount, int digits) {
        return amount.movePointRight(digits).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
