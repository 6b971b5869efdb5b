package com.omnichannel.gateway.credit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.catalog.CatalogService;
import com.omnichannel.gateway.catalog.ProductVariant;
import com.omnichannel.gateway.checkout.CheckoutParticipant;
import com.omnichannel.gateway.order.Order;
import com.omnichannel.gateway.order.OrderStatus;
import com.omnichannel.gateway.order.OrderStatusListener;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * Gift cards sold as a product: placing an order with gift card variants issues one card per unit, worth the unit
 * price, in the order transaction; the buyer (and staff) read the codes on the order, derived again from the line and
 * unit with the server secret; cancelling the order voids the cards nobody spent.
 */
@ApplicationScoped
public class GiftCardSales implements CheckoutParticipant, OrderStatusListener {

    private final GiftCardRepository repository;
    private final CatalogService catalog;
    private final GiftCardConfig config;
    private final Clock clock;
    private final byte[] secret;

    public GiftCardSales(GiftCardRepository repository, CatalogService catalog, GiftCardConfig config, Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
        this.secret = config.codeSecret().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Uni<Void> orderPlaced(Db.Tx tx, Caller caller, PlacedOrder order) {
        Set<Long> variantKeys = new LinkedHashSet<>();
        order.lines().forEach(line -> variantKeys.add(line.variantKey()));
        return catalog.variantsByKeys(variantKeys).chain(variants -> {
            List<GiftCardRepository.SoldCard> cards = new ArrayList<>();
            for (PlacedLine line : order.lines()) {
                ProductVariant variant = variants.get(line.variantKey());
                // The card is worth the variant's price as the line recorded it; a discount on the line lowers what
                // the buyer paid, not the card. A free variant issues nothing (a card holds a positive value).
                if (variant == null || !variant.giftCard() || line.unitPriceMinor() <= 0) {
                    continue;
                }
                for (int unit = 0; unit < line.quantity(); unit++) {
                    String normalized = GiftCardCodes.normalized(GiftCardCodes.sold(secret, line.lineKey(), unit));
                    cards.add(new GiftCardRepository.SoldCard(line.lineKey(), unit, GiftCardCodes.digest(normalized),
                            GiftCardCodes.last4(normalized), line.unitPriceMinor()));
                }
            }
            if (cards.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            OffsetDateTime expiresAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plus(config.validity());
            return repository.issueSold(tx, order.orderKey(), order.number(), cards, order.currency(), expiresAt, caller.actor(),
                    caller.channel().name()).replaceWithVoid();
        });
    }

    @Override
    public Uni<Void> statusChanged(Db.Tx tx, Caller caller, StatusChange change) {
        if (change.to() != OrderStatus.CANCELLED) {
            return Uni.createFrom().voidItem();
        }
        return repository.voidSold(tx, change.orderKey(), change.number(), caller.actor(), caller.channel().name()).replaceWithVoid();
    }

    /**
     * The cards these orders sold, in line and unit order; codes only for the customer who placed the order and for
     * staff. One statement for any number of orders.
     */
    public Uni<List<List<OrderGiftCard>>> cardsOf(Caller caller, List<Order> orders) {
        Set<Long> keys = new LinkedHashSet<>();
        orders.forEach(o -> keys.add(o.key()));
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return repository.soldByOrders(keys).map(byOrder -> {
            List<List<OrderGiftCard>> result = new ArrayList<>();
            for (Order order : orders) {
                boolean mayReadCodes = caller.isStaff()
                        || (caller.customerId() != null && caller.customerId().equals(order.customerId()));
                List<OrderGiftCard> cards = new ArrayList<>();
                for (GiftCardRepository.SoldCardRow row : byOrder.getOrDefault(order.key(), List.of())) {
                    String code = mayReadCodes ? GiftCardCodes.sold(secret, row.orderLineKey(), row.unitIndex()) : null;
                    cards.add(new OrderGiftCard(code, row.last4(), Money.ofMinor(row.initialMinor(), row.currency()),
                            Money.ofMinor(row.balanceMinor(), row.currency()), row.voided()));
                }
                result.add(cards);
            }
            return result;
        });
    }
}
