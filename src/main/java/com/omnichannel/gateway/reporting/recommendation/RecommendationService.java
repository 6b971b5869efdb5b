package com.omnichannel.gateway.reporting.recommendation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.catalog.CatalogService;
import com.omnichannel.gateway.catalog.Product;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.ErrorCode;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.platform.security.Role;
import com.omnichannel.gateway.customer.ConsentChanged;
import com.omnichannel.gateway.customer.ConsentListener;
import com.omnichannel.gateway.customer.ConsentPurpose;
import com.omnichannel.gateway.customer.Customer;

import io.smallrye.mutiny.Uni;

/**
 * Recommendations: products bought together, and products for a shopper (see
 * {@link RecommendationRepository#recommend}). Ranked keys are cached in Redis for a short time, so a page that
 * shows recommendations usually costs one statement (loading the products).
 */
@ApplicationScoped
public class RecommendationService implements ConsentListener {

    public static final int MAX_FIRST = 20;
    static final int DEFAULT_FIRST = 5;
    private static final Logger LOG = Logger.getLogger(RecommendationService.class);

    private final RecommendationRepository repository;
    private final RecommendationCache cache;
    private final CatalogService catalog;
    private final Duration ttl;
    private final Duration bestSellerWindow;

    public RecommendationService(RecommendationRepository repository, RecommendationCache cache, CatalogService catalog,
            RecommendationConfig config) {
        this.repository = repository;
        this.cache = cache;
        this.catalog = catalog;
        this.ttl = config.cacheTtl();
        this.bestSellerWindow = config.bestSellerWindow();
    }

    /** For each product, the products most often bought together with it; one cache round trip, one statement. */
    public Uni<List<List<Product>>> alsoBoughtOf(List<Product> products, Integer first) {
        int limit = first(first);
        List<Long> keys = new ArrayList<>(new LinkedHashSet<>(products.stream().map(Product::key).toList()));
        if (keys.isEmpty() || limit == 0) {
            return Uni.createFrom().item(products.stream().map(p -> List.<Product>of()).toList());
        }
        return cache.alsoBought(keys).chain(cached -> {
            List<Long> missing = keys.stream().filter(k -> !cached.containsKey(k)).toList();
            if (missing.isEmpty()) {
                return Uni.createFrom().item(cached);
            }
            // Always the longest list, so one cached entry serves every 'first'.
            return repository.boughtTogether(missing, MAX_FIRST).call(computed -> {
                Map<Long, List<Long>> toCache = new HashMap<>();
                missing.forEach(k -> toCache.put(k, computed.getOrDefault(k, List.of())));
                return cache.putAlsoBought(toCache, ttl);
            }).map(computed -> {
                Map<Long, List<Long>> all = new HashMap<>(cached);
                missing.forEach(k -> all.put(k, computed.getOrDefault(k, List.of())));
                return all;
            });
        }).chain(byProduct -> {
            Set<Long> wanted = new LinkedHashSet<>();
            byProduct.values().forEach(list -> wanted.addAll(list.subList(0, Math.min(limit, list.size()))));
            return catalog.productsByKeys(new ArrayList<>(wanted)).map(found -> {
                Map<Long, Product> byKey = new HashMap<>();
                found.forEach(p -> byKey.put(p.key(), p));
                return products.stream().map(p -> byProduct.getOrDefault(p.key(), List.of()).stream()
                        .limit(limit).map(byKey::get).filter(x -> x != null).toList()).toList();
            });
        });
    }

    /**
     * A customer's recommendations: for themselves (at a kiosk, in stock at its store), or for staff looking at
     * them (in stock anywhere).
     */
    public Uni<List<Product>> forCustomer(Caller caller, Customer customer, Integer first) {
        Long store = caller.hasRole(Role.CUSTOMER) && caller.channel() == Channel.KIOSK ? caller.storeId() : null;
        return personal(customer.key(), store, first(first));
    }

    /**
     * For whoever calls: a signed-in customer's own recommendations (at a kiosk, in stock at its store); at a kiosk
     * without a customer, the store's best-sellers; for everyone else the best-sellers in stock anywhere.
     */
    public Uni<List<Product>> forCaller(Caller caller, Integer first) {
        int limit = first(first);
        boolean atKiosk = caller.channel() == Channel.KIOSK && caller.storeId() != null;
        if (caller.hasRole(Role.CUSTOMER)) {
            return personal(caller.subject(), atKiosk ? caller.storeId() : null, limit);
        }
        return bestSellers(atKiosk ? caller.storeId() : null, limit);
    }

    /** At a kiosk: for the customer signed in there, else the store's best-sellers; in stock at the kiosk's store. */
    public Uni<List<Product>> here(Caller caller, Integer first) {
        if (caller.channel() != Channel.KIOSK || caller.storeId() == null) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only for kiosks (the kiosk's store decides what is here)");
        }
        int limit = first(first);
        return caller.hasRole(Role.CUSTOMER) ? personal(caller.subject(), caller.storeId(), limit)
                : bestSellers(caller.storeId(), limit);
    }

    private Uni<List<Product>> personal(String customerId, Long store, int limit) {
        if (limit == 0) {
            return Uni.createFrom().item(List.of());
        }
        return cache.personal(customerId, store, limit).chain(cached -> cached != null ? Uni.createFrom().item(cached)
                : repository.recommend(customerId, store, bestSellerWindow, limit)
                        .call(keys -> cache.putPersonal(customerId, store, limit, keys, ttl)))
                .chain(catalog::productsByKeys);
    }

    private Uni<List<Product>> bestSellers(Long store, int limit) {
        if (limit == 0) {
            return Uni.createFrom().item(List.of());
        }
        return cache.bestSellers(store, limit).chain(cached -> cached != null ? Uni.createFrom().item(cached)
                : repository.recommend(null, store, bestSellerWindow, limit)
                        .call(keys -> cache.putBestSellers(store, limit, keys, ttl)))
                .chain(catalog::productsByKeys);
    }

    /** Personal lists made under the old consent must not outlive it. */
    @Override
    public Uni<Void> consentChanged(ConsentChanged change) {
        if (change.purpose() != ConsentPurpose.PERSONALISATION) {
            return Uni.createFrom().voidItem();
        }
        return cache.forgetCustomer(change.customerId()).onFailure().invoke(e -> LOG.warnf(
                "Cannot drop cached recommendations of %s: %s", change.customerId(), e.getMessage()));
    }

    public Uni<Void> forget(String customerId) {
        return cache.forgetCustomer(customerId);
    }

    private static int first(Integer first) {
        int n = first == null ? DEFAULT_FIRST : first;
        if (n < 0 || n > MAX_FIRST) {
            throw ApiException.badUserInput("Argument 'first' must be between 0 and " + MAX_FIRST);
        }
        return n;
    }
}
