package com.omnichannel.gateway.credit;

import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.catalog.CatalogConfig;
import com.omnichannel.gateway.credit.GiftCardRepository.CardRow;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.ratelimit.RateLimiter;
import com.omnichannel.gateway.platform.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * Gift card rules: issued by staff with a value up to the configured maximum and valid for the configured period;
 * codes from a CSPRNG, kept only as digests; balance checks limited per client; redeemed in part or whole at checkout
 * (never below zero, never after expiry) and given back when that order is cancelled.
 */
@ApplicationScoped
public class GiftCardService {

    static final int MAX_CODES = 5;
    private static final int MAX_NOTE = 500;

    private final GiftCardRepository repository;
    private final GiftCardConfig config;
    private final RateLimiter limiter;
    private final RateLimiter.Limit balanceChecksPerAddress;
    private final Clock clock;
    private final GiftCardCodes codes = new GiftCardCodes(new SecureRandom());
    private final String currency;
    private final int digits;

    public GiftCardService(GiftCardRepository repository, GiftCardConfig config, RateLimiter limiter, Clock clock, CatalogConfig catalogConfig) {
        this.repository = repository;
        this.config = config;
        this.limiter = limiter;
        // Guessing codes through the balance check is what this limit stops: 80 random bits need far more tries.
        this.balanceChecksPerAddress = limiter.limit("gift-card-balance-checks", 20, Duration.ofMinutes(15));
        this.clock = clock;
        this.currency = catalogConfig.currency();
        this.digits = catalogConfig.currencyDigits();
    }

    /** The cards behind a checkout's codes, or why the codes cannot be used at all. */
    sealed interface CardLookup {
        /** In the order given; a null card for a code no card has. */
        record Found(List<TenderPlan.Card> cards) implements CardLookup {
        }

        record Refused(UserError error) implements CardLookup {
        }
    }

    // ---- staff

    public Uni<GiftCardIssuePayload> issue(Caller caller, CreditInputs.Issue input) {
        caller.requireStaff();
        long maxMinor = config.maxValue().movePointRight(digits).setScale(0, RoundingMode.DOWN).longValueExact();
        Long value = positiveMinor(input.amount());
        if (value == null) {
            return failed(UserError.of("INVALID_AMOUNT", "The value must be a positive decimal amount in " + currency + ", e.g. \"25.00\"",
                    "input", "amount"));
        }
        if (value > maxMinor) {
            return failed(UserError.of("INVALID_AMOUNT", "A gift card can hold at most " + Money.ofMinor(maxMinor, currency).amount() + " "
                    + currency, "input", "amount"));
        }
        String note = input.note() == null || input.note().isBlank() ? null : input.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            return failed(UserError.of("INVALID_NOTE", "The note can have at most " + MAX_NOTE + " characters", "input", "note"));
        }
        String code = codes.next();
        String normalized = GiftCardCodes.normalized(code);
        OffsetDateTime expiresAt = now().plus(config.validity());
        return repository.issue(GiftCardCodes.digest(normalized), GiftCardCodes.last4(normalized), currency, value, expiresAt, note,
                caller.actor(), caller.channel().name(), null)
                .map(card -> new GiftCardIssuePayload(giftCard(card), code, List.of()));
    }

    // ---- anyone

    /**
     * The card behind a code, or null when no card has it. Every call counts against the client address's limit
     * (RATE_LIMITED with retryAfterSeconds beyond it), whether the code is right or not.
     */
    public Uni<GiftCard> balance(String clientAddressKey, String code) {
        return limiter.enforce(balanceChecksPerAddress, clientAddressKey).chain(() -> {
            String normalized = GiftCardCodes.normalized(code);
            if (normalized == null) {
                return Uni.createFrom().nullItem();
            }
            String digest = GiftCardCodes.digest(normalized);
            return repository.byDigests(Set.of(digest)).map(cards -> cards.get(digest) == null ? null : giftCard(cards.get(digest)));
        });
    }

    // ---- checkout

    /** The cards behind the codes a checkout gave, or why they cannot be used at all (too many, repeated, not a code). */
    Uni<CardLookup> cardsFor(List<String> typedCodes) {
        if (typedCodes.size() > MAX_CODES) {
            return refusedLookup(UserError.of("INVALID_GIFT_CARD_CODES", "At most " + MAX_CODES + " gift cards can pay one order",
                    "input", "giftCardCodes"));
        }
        Map<String, Integer> positionByDigest = new LinkedHashMap<>();
        for (int i = 0; i < typedCodes.size(); i++) {
            String normalized = GiftCardCodes.normalized(typedCodes.get(i));
            if (normalized == null) {
                return refusedLookup(UserError.of("GIFT_CARD_UNKNOWN", "This is not a gift card code", "input", "giftCardCodes",
                        Integer.toString(i)));
            }
            if (positionByDigest.putIfAbsent(GiftCardCodes.digest(normalized), i) != null) {
                return refusedLookup(UserError.of("INVALID_GIFT_CARD_CODES", "The same gift card is given twice", "input",
                        "giftCardCodes", Integer.toString(i)));
            }
        }
        if (positionByDigest.isEmpty()) {
            return Uni.createFrom().item(new CardLookup.Found(List.of()));
        }
        OffsetDateTime now = now();
        return repository.byDigests(positionByDigest.keySet()).map(found -> {
            List<TenderPlan.Card> cards = new ArrayList<>();
            positionByDigest.forEach((digest, position) -> {
                CardRow card = found.get(digest);
                cards.add(new TenderPlan.Card(position, card, card != null && card.expiredAt(now)));
            });
            return (CardLookup) new CardLookup.Found(cards);
        });
    }

    /** Takes a tender off its card in the order transaction; false when the card no longer holds it (or expired meanwhile). */
    Uni<Boolean> redeem(Db.Tx tx, Caller caller, long cardKey, long amountMinor, long orderKey, String orderNumber) {
        return repository.redeem(tx, cardKey, amountMinor, orderKey, orderNumber, caller.actor(), caller.channel().name());
    }

    /** Gives back what a cancelled order took off its cards. */
    Uni<Void> restore(Db.Tx tx, Caller caller, long orderKey, String orderNumber) {
        return repository.restore(tx, orderKey, orderNumber, caller.actor(), caller.channel().name()).replaceWithVoid();
    }

    Uni<Map<Long, List<GiftCardRepository.RedemptionRow>>> redeemedByOrders(Set<Long> orderKeys) {
        return repository.redeemedByOrders(orderKeys);
    }

    // ---- amounts and views

    private Long positiveMinor(String amount) {
        try {
            long minor = Money.toMinor(amount, currency);
            return minor > 0 ? minor : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private GiftCard giftCard(CardRow r) {
        return new GiftCard(GiftCard.globalId(r.id()), r.last4(), Money.ofMinor(r.initialMinor(), r.currency()),
                Money.ofMinor(r.balanceMinor(), r.currency()), r.expiresAt(), r.expiredAt(now()), r.createdAt());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Uni<CardLookup> refusedLookup(UserError error) {
        return Uni.createFrom().item(new CardLookup.Refused(error));
    }

    private static Uni<GiftCardIssuePayload> failed(UserError error) {
        return Uni.createFrom().item(GiftCardIssuePayload.failed(error));
    }
}
