package com.omnichannel.gateway.promotion;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.catalog.CatalogConfig;
import com.omnichannel.gateway.catalog.Category;
import com.omnichannel.gateway.catalog.Product;
import com.omnichannel.gateway.loyalty.LoyaltyService;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.paging.Page;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.promotion.PromotionRepository.Definition;
import com.omnichannel.gateway.promotion.PromotionRepository.PromotionRow;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Staff's side of promotions: reading and managing their definitions (kind, amounts, conditions, period, limits),
 * each change checked before it is written and announced to the promotion cache.
 */
@ApplicationScoped
public class PromotionDefinitions {

    private static final int MAX_NAME = 100;
    /** Products and categories one promotion may name. */
    private static final int MAX_SCOPE = 500;

    private final PromotionRepository repository;
    private final PromotionCache cache;
    private final LoyaltyService loyalty;
    private final String currency;

    public PromotionDefinitions(PromotionRepository repository, PromotionCache cache, LoyaltyService loyalty, CatalogConfig catalogConfig) {
        this.repository = repository;
        this.cache = cache;
        this.loyalty = loyalty;
        this.currency = catalogConfig.currency();
    }

    public Uni<Promotion> promotion(Caller caller, String id) {
        caller.requireStaff();
        Long key = GlobalId.tryDecode(Promotion.TYPE, id);
        return key == null ? Uni.createFrom().nullItem() : repository.findById(key).map(row -> row == null ? null : promotion(row));
    }

    public Uni<PromotionConnection> promotions(Caller caller, Integer first, String after) {
        caller.requireStaff();
        PageRequest page = PageRequest.of(first, after, "promotions");
        return repository.list(page.fetchSize(), page.offset()).map(rows -> Page.connection(rows.stream().map(this::promotion).toList(), page,
                PromotionConnection.Edge::new, PromotionConnection::new));
    }

    public Uni<PromotionPayload> create(Caller caller, PromotionInputs.Create input) {
        caller.requireStaff();
        String code = null;
        if (input.code() != null) {
            code = PromotionService.normalizeCode(input.code());
            if (code == null) {
                return Uni.createFrom().item(PromotionPayload.failed(UserError.of("INVALID_CODE",
                        "A code has 3 to 32 letters, digits or dashes", "input", "code")));
            }
        }
        Draft draft = new Draft(input.name(), code, input.kind(), input.percentOff(), input.amountOff(), input.minSubtotal(),
                input.productIds(), input.categoryIds(), input.customerTiers(), input.channels(), input.startsAt(), input.endsAt(),
                input.usageLimit(), input.perCustomerLimit());
        return validate(draft).chain(checked -> {
            if (checked.error() != null) {
                return Uni.createFrom().item(PromotionPayload.failed(checked.error()));
            }
            return repository.insert(checked.definition()).invoke(cache::invalidate).map(row -> new PromotionPayload(promotion(row), List.of()))
                    .onFailure(PromotionDefinitions::isCodeTaken).recoverWithItem(() -> PromotionPayload.failed(UserError.of("CODE_TAKEN",
                            "Another promotion has this code", "input", "code")));
        });
    }

    public Uni<PromotionPayload> update(Caller caller, PromotionInputs.Update input) {
        caller.requireStaff();
        long key = promotionKey(input.id());
        return repository.findById(key).chain(existing -> {
            if (existing == null) {
                throw ApiException.notFound("No promotion with this id");
            }
            PromotionRule r = existing.rule();
            Draft draft = new Draft(or(input.name(), r.name()), r.code(), or(input.kind(), r.kind()),
                    or(input.percentOff(), r.percentOff() == null ? null : r.percentOff().stripTrailingZeros().toPlainString()),
                    or(input.amountOff(), r.amountOffMinor() == null ? null : Money.ofMinor(r.amountOffMinor(), currency).amount()),
                    or(input.minSubtotal(), r.minSubtotalMinor() == null ? null : Money.ofMinor(r.minSubtotalMinor(), currency).amount()),
                    or(input.productIds(), r.productKeys().stream().map(Product::globalId).toList()),
                    or(input.categoryIds(), r.categoryKeys().stream().map(Category::globalId).toList()),
                    or(input.customerTiers(), List.copyOf(r.customerTiers())),
                    or(input.channels(), r.channels().stream().map(Channel::valueOf).toList()),
                    or(input.startsAt(), existing.startsAt()), or(input.endsAt(), existing.endsAt()),
                    or(input.usageLimit(), r.usageLimit()), or(input.perCustomerLimit(), r.perCustomerLimit()));
            return validate(draft).chain(checked -> {
                if (checked.error() != null) {
                    return Uni.createFrom().item(PromotionPayload.failed(checked.error()));
                }
                int used = usedCount(existing);
                if (checked.definition().usageLimit() != null && checked.definition().usageLimit() < used) {
                    return Uni.createFrom().item(PromotionPayload.failed(UserError.of("INVALID_LIMIT",
                            "It was already used " + used + " times", "input", "usageLimit")));
                }
                return repository.update(key, checked.definition()).invoke(cache::invalidate)
                        .map(row -> new PromotionPayload(promotion(row), List.of()));
            });
        });
    }

    public Uni<PromotionPayload> pause(Caller caller, PromotionInputs.Pause input) {
        caller.requireStaff();
        long key = promotionKey(input.id());
        return repository.setPaused(key, input.paused()).invoke(cache::invalidate).map(row -> {
            if (row == null) {
                throw ApiException.notFound("No promotion with this id");
            }
            return new PromotionPayload(promotion(row), List.of());
        });
    }

    private record Draft(String name, String code, PromotionKind kind, String percentOff, String amountOff, String minSubtotal,
            List<String> productIds, List<String> categoryIds, List<String> customerTiers, List<Channel> channels,
            java.time.OffsetDateTime startsAt, java.time.OffsetDateTime endsAt, Integer usageLimit, Integer perCustomerLimit) {
    }

    private record Checked(Definition definition, UserError error) {
        static Checked error(String code, String message, String... field) {
            String[] path = new String[field.length + 1];
            path[0] = "input";
            System.arraycopy(field, 0, path, 1, field.length);
            return new Checked(null, UserError.of(code, message, path));
        }
    }

    private Uni<Checked> validate(Draft d) {
        Checked broken = check(d);
        if (broken.error() != null) {
            return Uni.createFrom().item(broken);
        }
        Definition def = broken.definition();
        Uni<Long> products = def.productKeys().isEmpty() ? Uni.createFrom().item(0L) : repository.countExisting("product", def.productKeys());
        Uni<Long> categories = def.categoryKeys().isEmpty() ? Uni.createFrom().item(0L) : repository.countExisting("category", def.categoryKeys());
        return Uni.combine().all().unis(products, categories).asTuple().map(t -> {
            if (t.getItem1() != def.productKeys().size()) {
                return Checked.error("UNKNOWN_PRODUCT", "A product in the scope does not exist", "productIds");
            }
            if (t.getItem2() != def.categoryKeys().size()) {
                return Checked.error("UNKNOWN_CATEGORY", "A category in the scope does not exist", "categoryIds");
            }
            return broken;
        });
    }

    /** The rules of a definition that need no lookup. */
    private Checked check(Draft d) {
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return Checked.error("INVALID_NAME", "A name has 1 to " + MAX_NAME + " characters", "name");
        }
        BigDecimal percent = null;
        Long amount = null;
        switch (d.kind()) {
            case PERCENTAGE -> {
                percent = decimal(d.percentOff());
                if (percent == null || percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0 || percent.scale() > 2) {
                    return Checked.error("INVALID_PERCENTAGE", "A percentage is more than 0 and at most 100, with up to 2 decimals", "percentOff");
                }
            }
            case FIXED_AMOUNT -> {
                amount = minor(d.amountOff());
                if (amount == null || amount <= 0) {
                    return Checked.error("INVALID_AMOUNT", "The amount off must be a positive decimal amount, e.g. \"5.00\"", "amountOff");
                }
            }
            case FREE_SHIPPING -> {
            }
        }
        Long minSubtotal = null;
        if (d.minSubtotal() != null) {
            minSubtotal = minor(d.minSubtotal());
            if (minSubtotal == null || minSubtotal < 0) {
                return Checked.error("INVALID_AMOUNT", "The minimum subtotal must be a decimal amount of 0 or more", "minSubtotal");
            }
        }
        if (d.startsAt() != null && d.endsAt() != null && !d.endsAt().isAfter(d.startsAt())) {
            return Checked.error("INVALID_DATES", "The end must be after the start", "endsAt");
        }
        if (d.usageLimit() != null && d.usageLimit() <= 0) {
            return Checked.error("INVALID_LIMIT", "A usage limit must be positive", "usageLimit");
        }
        if (d.perCustomerLimit() != null && d.perCustomerLimit() <= 0) {
            return Checked.error("INVALID_LIMIT", "A per-customer limit must be positive", "perCustomerLimit");
        }
        List<Long> productKeys = new ArrayList<>();
        List<String> productIds = d.productIds() == null ? List.of() : d.productIds();
        List<String> categoryIds = d.categoryIds() == null ? List.of() : d.categoryIds();
        if (productIds.size() > MAX_SCOPE || categoryIds.size() > MAX_SCOPE) {
            return Checked.error("INVALID_SCOPE", "At most " + MAX_SCOPE + " products and categories", "productIds");
        }
        for (int i = 0; i < productIds.size(); i++) {
            Long key = productIds.get(i) == null ? null : GlobalId.tryDecode(Product.TYPE, productIds.get(i));
            if (key == null) {
                return Checked.error("UNKNOWN_PRODUCT", "Not a product id", "productIds", String.valueOf(i));
            }
            productKeys.add(key);
        }
        List<Long> categoryKeys = new ArrayList<>();
        for (int i = 0; i < categoryIds.size(); i++) {
            Long key = categoryIds.get(i) == null ? null : GlobalId.tryDecode(Category.TYPE, categoryIds.get(i));
            if (key == null) {
                return Checked.error("UNKNOWN_CATEGORY", "Not a category id", "categoryIds", String.valueOf(i));
            }
            categoryKeys.add(key);
        }
        List<String> tiers = d.customerTiers() == null ? List.of() : d.customerTiers();
        List<String> known = loyalty.tierNames();
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i) == null || !known.contains(tiers.get(i))) {
                return Checked.error("UNKNOWN_TIER", "Tiers are " + known, "customerTiers", String.valueOf(i));
            }
        }
        List<String> channels = d.channels() == null ? List.of()
                : d.channels().stream().filter(c -> c != null).map(Channel::name).distinct().toList();
        return new Checked(new Definition(name, d.code(), d.kind(), percent, amount, minSubtotal, List.copyOf(new LinkedHashSet<>(productKeys)),
                List.copyOf(new LinkedHashSet<>(categoryKeys)), List.copyOf(new LinkedHashSet<>(tiers)), channels, d.startsAt(), d.endsAt(),
                d.usageLimit(), d.perCustomerLimit()), null);
    }

    private static BigDecimal decimal(String value) {
        if (value == null || value.isBlank() || value.length() > 20) {
            return null;
        }
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Long minor(String amount) {
        try {
            return Money.toMinor(amount, currency);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Promotion promotion(PromotionRow row) {
        PromotionRule r = row.rule();
        return new Promotion(Promotion.globalId(r.key()), r.name(), r.code(), r.kind(),
                r.percentOff() == null ? null : r.percentOff().stripTrailingZeros().toPlainString(),
                Money.ofMinorOrNull(r.amountOffMinor(), currency), Money.ofMinorOrNull(r.minSubtotalMinor(), currency),
                r.productKeys().stream().map(Product::globalId).toList(), r.categoryKeys().stream().map(Category::globalId).toList(),
                List.copyOf(r.customerTiers()), r.channels().stream().map(Channel::valueOf).toList(), row.startsAt(), row.endsAt(),
                r.usageLimit(), r.perCustomerLimit(), usedCount(row), r.paused(), row.createdAt(), row.updatedAt(), r.key());
    }

    /** Limited promotions count their uses (the counter the limit is checked against); others have redemption rows. */
    private static int usedCount(PromotionRow row) {
        PromotionRule r = row.rule();
        return r.usageLimit() != null || r.perCustomerLimit() != null ? r.usedCount() : Math.toIntExact(row.uses());
    }

    private static long promotionKey(String id) {
        Long key = GlobalId.tryDecode(Promotion.TYPE, id);
        if (key == null) {
            throw ApiException.notFound("No promotion with this id");
        }
        return key;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static boolean isCodeTaken(Throwable t) {
        return t instanceof PgException pg && "23505".equals(pg.getSqlState());
    }
}
