package com.omnichannel.gateway.credit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.catalog.CatalogConfig;
import com.omnichannel.gateway.customer.Customer;
import com.omnichannel.gateway.credit.StoreCreditRepository.EntryRow;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.paging.Page;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;

import io.smallrye.mutiny.Uni;

/**
 * Store credit rules: a per-customer balance kept as an append-only ledger, credited by refunds and by staff, spent
 * as a checkout tender and given back when that order is cancelled. Every change is a ledger entry written in the
 * same statement as the cached balance, which never goes below zero.
 */
@ApplicationScoped
public class StoreCreditService {

    static final int MAX_REASON = 500;
    static final int MAX_REFERENCE = 200;
    /** Largest single staff adjustment, in minor units either way. */
    static final long MAX_ADJUST_MINOR = 100_000_00L;

    private final StoreCreditRepository repository;
    private final Db db;
    private final String currency;

    public StoreCreditService(StoreCreditRepository repository, Db db, CatalogConfig catalogConfig) {
        this.repository = repository;
        this.db = db;
        this.currency = catalogConfig.currency();
    }

    // ---- for other domains, inside their transaction

    /**
     * Credits a customer's store credit inside the caller's transaction (a refund paid out as credit): a REFUND ledger
     * entry and the balance, in one statement. A reference is credited once: calling again with the same reference,
     * customer and amount (a retry) changes nothing.
     *
     * @param customerId the customer's key (the token subject, as on their orders)
     * @param amount     a positive amount in the shop's currency
     * @param reason     shown to the customer in their ledger, 1 to 500 characters
     * @param reference  what the credit is for (e.g. the return's number), unique per refund, at most 200 characters
     * @throws IllegalArgumentException (as the Uni's failure) for an amount, reason or reference that breaks these rules
     * @throws IllegalStateException    (as the Uni's failure) when the reference was credited with another customer or amount
     */
    public Uni<Void> credit(Db.Tx tx, Caller caller, String customerId, Money amount, String reason, String reference) {
        return Uni.createFrom().deferred(() -> {
            long minor = requirePositive(amount);
            String why = reason == null ? "" : reason.strip();
            if (customerId == null || customerId.isBlank()) {
                throw new IllegalArgumentException("A store credit needs the customer");
            }
            if (why.isEmpty() || why.length() > MAX_REASON) {
                throw new IllegalArgumentException("A store credit needs a reason of 1 to " + MAX_REASON + " characters");
            }
            if (reference == null || reference.isBlank() || reference.length() > MAX_REFERENCE) {
                throw new IllegalArgumentException("A store credit needs a reference of 1 to " + MAX_REFERENCE + " characters");
            }
            return repository.ensureAccount(tx, customerId, currency)
                    .chain(() -> repository.append(tx, customerId, StoreCreditEntryKind.REFUND, minor, why, reference, null, null,
                            caller.channel().name(), caller.actor()))
                    .chain(entry -> entry != null ? Uni.createFrom().voidItem()
                            : repository.refundOf(tx, reference).map(earlier -> {
                                if (earlier == null || !isSameRefund(earlier, customerId, minor)) {
                                    throw new IllegalStateException("Reference " + reference + " was credited before with another amount or customer");
                                }
                                return null;
                            }));
        });
    }

    // ---- reads

    /** The store credit of these customers, in order (a customer who never had any reads as zero). */
    public Uni<List<StoreCredit>> storeCreditOf(List<String> customerIds) {
        Set<String> ids = new LinkedHashSet<>(customerIds);
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return repository.balances(ids).map(balances -> customerIds.stream()
                .map(id -> new StoreCredit(StoreCredit.globalId(id), Money.ofMinor(balances.getOrDefault(id, 0L), currency), id)).toList());
    }

    public Uni<StoreCreditLedgerConnection> ledger(StoreCredit storeCredit, Integer first, String after) {
        PageRequest page = PageRequest.of(first, after, "storeCreditLedger");
        return repository.ledger(storeCredit.customerId(), page.fetchSize(), page.offset())
                .map(rows -> Page.connection(rows.stream().map(this::entry).toList(), page, StoreCreditLedgerConnection.Edge::new,
                        StoreCreditLedgerConnection::new));
    }

    /** The customer's balance in minor units (0 without an account). */
    Uni<Long> balanceOf(String customerId) {
        return repository.balances(Set.of(customerId)).map(balances -> balances.getOrDefault(customerId, 0L));
    }

    /** Store credit each order spent (positive, minor units), for the orders that spent any. */
    Uni<Map<Long, Long>> spentByOrders(Set<Long> orderKeys) {
        return repository.spentByOrders(orderKeys);
    }

    // ---- staff

    public Uni<StoreCreditAdjustPayload> adjust(Caller caller, CreditInputs.Adjust input) {
        caller.requireStaff();
        String customerId = Customer.keyOf(input.customerId());
        if (customerId == null) {
            return adjustFailed(UserError.of("INVALID_CUSTOMER", "Give the customer's id", "input", "customerId"));
        }
        long minor;
        try {
            minor = Money.toMinor(input.amount(), currency);
        } catch (IllegalArgumentException e) {
            minor = 0;
        }
        if (minor == 0 || Math.abs(minor) > MAX_ADJUST_MINOR) {
            return adjustFailed(UserError.of("INVALID_AMOUNT", "The amount must be a non-zero decimal amount in " + currency
                    + ", e.g. \"10.00\" or \"-5.00\"", "input", "amount"));
        }
        String reason = input.reason() == null ? "" : input.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            return adjustFailed(UserError.of("INVALID_REASON", "Give a reason of 1 to " + MAX_REASON + " characters", "input", "reason"));
        }
        long amount = minor;
        return db.inTransaction(tx -> repository.ensureAccount(tx, customerId, currency)
                .chain(() -> repository.append(tx, customerId, StoreCreditEntryKind.ADJUST, amount, reason, null, null, null,
                        caller.channel().name(), caller.actor())))
                .chain(entry -> entry == null
                        ? adjustFailed(UserError.of("INSUFFICIENT_STORE_CREDIT", "The balance cannot go below zero", "input", "amount"))
                        : storeCreditOf(List.of(customerId)).map(credit -> new StoreCreditAdjustPayload(credit.get(0), entry(entry), List.of())));
    }

    // ---- inside the order transaction

    /** Spends a checkout's store credit tender; false when the balance no longer holds it. */
    Uni<Boolean> spend(Db.Tx tx, Caller caller, String customerId, long amountMinor, long orderKey, String orderNumber) {
        return repository.ensureAccount(tx, customerId, currency)
                .chain(() -> repository.append(tx, customerId, StoreCreditEntryKind.SPEND, -amountMinor, "Spent on order " + orderNumber,
                        null, orderKey, orderNumber, caller.channel().name(), caller.actor()))
                .map(entry -> entry != null);
    }

    /** Gives back the store credit a cancelled order spent, once. */
    Uni<Void> restore(Db.Tx tx, Caller caller, long orderKey, String orderNumber) {
        return repository.spentBy(tx, orderKey).chain(spent -> spent == null ? Uni.createFrom().voidItem()
                : repository.append(tx, spent.customerId(), StoreCreditEntryKind.RESTORE, -spent.amountMinor(),
                        "Order " + orderNumber + " cancelled: store credit given back", null, orderKey, orderNumber,
                        caller.channel().name(), caller.actor()).replaceWithVoid());
    }

    private StoreCreditEntry entry(EntryRow r) {
        return new StoreCreditEntry(StoreCreditEntry.globalId(r.id()), r.kind(), Money.ofMinor(r.amountMinor(), currency), r.reason(),
                r.orderNumber(), r.channel() == null ? null : Channel.valueOf(r.channel()), r.createdAt());
    }

    private static Uni<StoreCreditAdjustPayload> adjustFailed(UserError error) {
        return Uni.createFrom().item(StoreCreditAdjustPayload.failed(error));
    }

    private static boolean isSameRefund(EntryRow earlier, String customerId, long minor) {
        return earlier.customerId().equals(customerId) && earlier.amountMinor() == minor;
    }

    private long requirePositive(Money amount) {
        if (amount == null || !currency.equals(amount.currencyCode())) {
            throw new IllegalArgumentException("A store credit must be in " + currency);
        }
        long minor = amount.minorUnits();
        if (minor <= 0) {
            throw new IllegalArgumentException("A store credit must be a positive amount");
        }
        return minor;
    }
}
