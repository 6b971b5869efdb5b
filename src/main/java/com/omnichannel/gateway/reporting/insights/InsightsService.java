package com.omnichannel.gateway.reporting.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;


import com.omnichannel.gateway.catalog.CatalogConfig;
import com.omnichannel.gateway.cart.Cart;
import com.omnichannel.gateway.cart.CartService;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.customer.Customer;
import com.omnichannel.gateway.order.OrderConnection;
import com.omnichannel.gateway.order.OrderQueries;

import io.smallrye.mutiny.Uni;

/**
 * Staff views across channels: channel figures of a time window, and the 360° view of one customer (orders from
 * every channel, active cart, loyalty, channel mix). Customers reach their own 360 fields through {@code me}; staff
 * through {@code customer(id)} and {@code customers}: whoever holds a Customer object may see its fields.
 */
@ApplicationScoped
public class InsightsService {

    static final int MAX_PAIRS = 20;

    private final InsightsRepository repository;
    private final OrderQueries orders;
    private final CartService carts;
    private final String currency;
    private final Duration maxWindow;

    public InsightsService(InsightsRepository repository, OrderQueries orders, CartService carts,
            CatalogConfig catalogConfig, InsightsConfig config) {
        this.repository = repository;
        this.orders = orders;
        this.carts = carts;
        this.currency = catalogConfig.currency();
        this.maxWindow = config.maxWindow();
    }

    // ---- channel insights

    public Uni<ChannelInsights> channelInsights(Caller caller, OffsetDateTime from, OffsetDateTime to) {
        caller.requireStaff();
        if (from == null || to == null || !from.isBefore(to)) {
            throw ApiException.badUserInput("Argument 'from' must be before 'to'");
        }
        if (Duration.between(from, to).compareTo(maxWindow) > 0) {
            throw ApiException.badUserInput("The window may be at most " + maxWindow.toDays() + " days long");
        }
        return repository.channelFigures(from, to).chain(figures -> repository.journeyTotals(from, to)
                .chain(totals -> repository.channelPairs(from, to, MAX_PAIRS)
                        .chain(pairs -> repository.returnFigures(from, to)
                                .chain(returns -> repository.returnPaths(from, to).map(paths -> new ChannelInsights(from, to,
                                        java.util.stream.IntStream.range(0, figures.size()).mapToObj(i -> figures(figures.get(i), returns.get(i))).toList(),
                                        (int) totals.orders(), (int) totals.crossChannel(), ratio(totals.crossChannel(), totals.orders()),
                                        pairs.stream().map(p -> new ChannelPair(p.from(), p.to(), (int) p.orders())).toList(),
                                        paths.stream().map(p -> new ReturnPath(p.purchase(), p.returned(), (int) p.returns(),
                                                Money.ofMinor(p.refundedMinor(), currency))).toList()))))));
    }

    /** Both rows are for the same channel: the queries list the channels in the same order. */
    private ChannelFigures figures(InsightsRepository.ChannelRow r, InsightsRepository.ReturnRow returns) {
        Money average = r.orders() == 0 ? null
                : Money.ofMinor(BigDecimal.valueOf(r.revenueMinor()).divide(BigDecimal.valueOf(r.orders()), 0, RoundingMode.HALF_UP)
                        .longValueExact(), currency);
        return new ChannelFigures(r.channel(), (int) r.orders(), Money.ofMinor(r.revenueMinor(), currency), average,
                (int) r.carts(), (int) r.converted(), ratio(r.converted(), r.carts()), (int) returns.returns(),
                ratio(returns.ordersWithReturns(), r.orders()), Money.ofMinor(returns.refundedMinor(), currency));
    }

    // ---- customer 360

    public Uni<List<OrderConnection>> ordersOf(List<Customer> customers, PageRequest page) {
        return orders.ordersOfCustomers(customers.stream().map(Customer::key).toList(), page);
    }

    public Uni<Cart> activeCartOf(Customer customer) {
        return carts.activeCartOf(customer.key());
    }

    /** Per customer: one share per channel with activity or orders, in channel order. */
    public Uni<List<List<ChannelShare>>> channelMixOf(List<Customer> customers) {
        Set<String> ids = new LinkedHashSet<>();
        customers.forEach(c -> ids.add(c.key()));
        return repository.channelMix(ids).map(byCustomer -> customers.stream().map(c -> {
            List<InsightsRepository.MixRow> rows = new ArrayList<>(byCustomer.getOrDefault(c.key(), List.of()));
            rows.sort(Comparator.comparing(InsightsRepository.MixRow::channel));
            long events = rows.stream().mapToLong(InsightsRepository.MixRow::events).sum();
            long spend = rows.stream().mapToLong(InsightsRepository.MixRow::spendMinor).sum();
            return rows.stream().map(r -> new ChannelShare(r.channel(), (int) r.events(), ratio(r.events(), events),
                    (int) r.orders(), Money.ofMinor(r.spendMinor(), currency), ratio(r.spendMinor(), spend))).toList();
        }).toList());
    }

    /** A share rounded to 4 decimals; null when there is nothing to share. */
    static Double ratio(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).doubleValue();
    }
}
