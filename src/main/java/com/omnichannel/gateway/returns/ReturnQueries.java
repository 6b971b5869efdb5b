package com.omnichannel.gateway.returns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.order.Order;
import com.omnichannel.gateway.order.OrderLine;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.paging.Page;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.returns.ReturnRepository.LineRow;
import com.omnichannel.gateway.returns.ReturnRepository.RefundRow;
import com.omnichannel.gateway.returns.ReturnRepository.ReturnRow;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Reads of returns: by id, listed for staff, on orders, their lines and refunds (batched), and their live changes. */
@ApplicationScoped
public class ReturnQueries {

    private final ReturnRepository repository;
    private final StoreService stores;
    private final ReturnEvents events;

    ReturnQueries(ReturnRepository repository, StoreService stores, ReturnEvents events) {
        this.repository = repository;
        this.stores = stores;
        this.events = events;
    }

    public Uni<Return> returnById(Caller caller, String id) {
        Long key = GlobalId.tryDecode(Return.TYPE, id);
        if (key == null || !caller.isAuthenticated()) {
            return Uni.createFrom().nullItem();
        }
        return repository.findById(key).chain(row -> row == null || !mayRead(caller, row) ? Uni.createFrom().nullItem() : single(row));
    }

    public Uni<ReturnConnection> returns(Caller caller, ReturnInputs.Filter filter, Integer first, String after) {
        caller.requireStaff();
        PageRequest page = PageRequest.of(first, after, "returns");
        ReturnStatus status = filter == null ? null : filter.status();
        Long orderKey = filter == null || filter.orderId() == null ? null : decode(Order.TYPE, filter.orderId(), "filter.orderId");
        Long locationKey = filter == null || filter.receivedAtId() == null ? null : decode(Location.TYPE, filter.receivedAtId(), "filter.receivedAtId");
        return repository.search(status, orderKey, filter == null ? null : filter.purchaseChannel(), locationKey, page.fetchSize(), page.offset())
                .chain(this::map)
                .map(list -> Page.connection(list, page, ReturnConnection.Edge::new, ReturnConnection::new));
    }

    /** The returns of each order, oldest first (the caller reached the orders through a checked path). */
    public Uni<List<List<Return>>> returnsOf(List<Order> parents) {
        List<Long> keys = parents.stream().map(Order::key).toList();
        return repository.byOrders(new LinkedHashSet<>(keys)).chain(byOrder -> {
            List<ReturnRow> all = new ArrayList<>();
            byOrder.values().forEach(all::addAll);
            return map(all).map(mapped -> {
                Map<Long, Return> byKey = new HashMap<>();
                mapped.forEach(r -> byKey.put(r.key(), r));
                return keys.stream().map(k -> byOrder.getOrDefault(k, List.of()).stream().map(r -> byKey.get(r.id())).toList()).toList();
            });
        });
    }

    public Uni<List<List<ReturnLine>>> linesOf(List<Return> parents) {
        return repository.linesByReturns(parents.stream().map(Return::key).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)))
                .map(byReturn -> parents.stream().map(p -> byReturn.getOrDefault(p.key(), List.of()).stream()
                        .map(l -> line(l, p.suggestedRefund().currencyCode())).toList()).toList());
    }

    public Uni<List<List<Refund>>> refundsOf(List<Return> parents) {
        return repository.refundsByReturns(parents.stream().map(Return::key).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)))
                .map(byReturn -> parents.stream().map(p -> byReturn.getOrDefault(p.key(), List.of()).stream()
                        .map(ReturnQueries::refund).toList()).toList());
    }

    /** The return each time it changes, through any instance; for its owner and staff. */
    public Multi<Return> updates(Caller caller, String returnId) {
        Long key = GlobalId.tryDecode(Return.TYPE, returnId);
        if (key == null) {
            throw ApiException.badUserInput("Argument 'returnId' is not a return id");
        }
        if (!caller.isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        return Multi.createFrom().uni(repository.findById(key).invoke(row -> {
            if (row == null || !mayRead(caller, row)) {
                throw ApiException.notFound("No return with this id");
            }
        })).onItem().transformToMultiAndConcatenate(allowed -> events.of(key))
                .onItem().transformToUniAndConcatenate(changed -> repository.findById(key))
                .filter(row -> row != null)
                .onItem().transformToUniAndConcatenate(this::single);
    }

    /** The return with this key as it is now; null when there is none. */
    Uni<Return> byKey(long key) {
        return repository.findById(key).chain(this::single);
    }

    private static boolean mayRead(Caller caller, ReturnRow row) {
        return caller.isStaff() || (caller.customerId() != null && caller.customerId().equals(row.customerId()));
    }

    static Long decode(String type, String id, String argument) {
        Long key = GlobalId.tryDecode(type, id);
        if (key == null) {
            throw ApiException.notFound("No object with this id (" + argument + ")");
        }
        return key;
    }

    private Uni<Return> single(ReturnRow row) {
        return row == null ? Uni.createFrom().nullItem() : map(List.of(row)).map(list -> list.get(0));
    }

    private Uni<List<Return>> map(List<ReturnRow> rows) {
        Set<Long> locations = new HashSet<>();
        rows.forEach(r -> {
            if (r.dropOffLocationId() != null) {
                locations.add(r.dropOffLocationId());
            }
            if (r.receivedLocationId() != null) {
                locations.add(r.receivedLocationId());
            }
        });
        Uni<Map<Long, Location>> found = locations.isEmpty() ? Uni.createFrom().item(Map.of()) : stores.locationsByKeys(locations);
        return found.map(byKey -> rows.stream().map(r -> new Return(Return.globalId(r.id()), r.status(), r.status().next(), r.method(),
                Order.globalId(r.orderId()), r.orderNumber(), r.purchaseChannel(), r.channel(),
                r.dropOffLocationId() == null ? null : byKey.get(r.dropOffLocationId()),
                r.receivedLocationId() == null ? null : byKey.get(r.receivedLocationId()), r.receivedAt(),
                r.receivedAt() == null ? null : r.receivedFully(), Money.ofMinor(r.suggested(), r.currency()), Money.ofMinor(r.refunded(), r.currency()),
                Math.toIntExact(r.pointsTakenBack()), Math.toIntExact(r.pointsForgiven()), Math.toIntExact(r.pointsReturned()),
                r.exchangeOrderLineId() == null ? null : OrderLine.globalId(r.exchangeOrderLineId()),
                r.exchangeOrderLineId() == null ? null : Money.ofMinor(r.exchangeDifference(), r.currency()), r.createdAt(), r.updatedAt(), r.id(), r.orderId())).toList());
    }

    private static ReturnLine line(LineRow l, String currency) {
        return new ReturnLine(GlobalId.encode(ReturnLine.TYPE, l.id()), OrderLine.globalId(l.orderLineId()), l.sku(), l.quantity(), l.reason(),
                l.receivedQuantity(), l.disposition(), l.heldQuantity(), Money.ofMinor(l.refund(), currency));
    }

    static Refund refund(RefundRow r) {
        return new Refund(GlobalId.encode(Refund.TYPE, r.id()), r.destination(), Money.ofMinor(r.amount(), r.currency()), r.actor(), r.channel(),
                r.createdAt());
    }
}
