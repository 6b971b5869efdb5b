package com.omnichannel.gateway.credit;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.catalog.CatalogConfig;
import com.omnichannel.gateway.credit.StoreCreditRepository.EntryRow;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Caller;

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
