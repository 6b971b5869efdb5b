package com.omnichannel.gateway.customer;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.security.Caller;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * A customer's privacy rights over their own data: the export of everything held about them, and erasure. Both
 * work on the caller's own account only, never from a kiosk session, and go through every
 * {@link CustomerDataContributor}, so each domain answers for its own data.
 */
@ApplicationScoped
public class CustomerPrivacyService {

    private static final Logger LOG = Logger.getLogger(CustomerPrivacyService.class);

    private final CustomerRepository repository;
    private final PasswordHasher passwords;
    private final SignInLimiter limiter;
    private final List<CustomerDataContributor> contributors;
    private final CustomerErasures erasures;
    private final Db db;

    public CustomerPrivacyService(CustomerRepository repository, PasswordHasher passwords, SignInLimiter limiter,
            Instance<CustomerDataContributor> contributors, CustomerErasures erasures, Db db) {
        this.repository = repository;
        this.passwords = passwords;
        this.limiter = limiter;
        this.contributors = contributors.stream()
                .sorted(java.util.Comparator.comparing(CustomerDataContributor::section)).toList();
        this.erasures = erasures;
        this.db = db;
    }

    public Uni<CustomerDataExport> export(Caller caller) {
        UUID id = CustomerService.accountChanger(caller);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return repository.exportOwnData(id).chain(own -> {
            if (own == null) {
                throw ApiException.notFound("No customer profile for this sign-in");
            }
            JsonObject document = new JsonObject().put("generatedAt", now.toString()).put("customerId", id.toString());
            new JsonObject(own).forEach(member -> document.put(member.getKey(), member.getValue()));
            // Each domain's part, one after another: an export is rare and should not take a connection per domain.
            Uni<Void> parts = Uni.createFrom().voidItem();
            for (CustomerDataContributor contributor : contributors) {
                parts = parts.chain(() -> contributor.export(id.toString()).invoke(json -> {
                    if (json != null) {
                        document.put(contributor.section(), Json.decodeValue(json));
                    }
                })).replaceWithVoid();
            }
            return parts.map(done -> {
                List<String> sections = new ArrayList<>(document.fieldNames());
                sections.removeAll(List.of("generatedAt", "customerId"));
                return new CustomerDataExport(now, sections, document.encode());
            });
        });
    }

    /**
     * Erases the account after the password is confirmed (attempts limited per account, as sign-ins are): state outside the database first (carts; idempotent),
     * then in one transaction every domain's part and the customer row, so the erasure is all or nothing; finally
     * the erasure is remembered while the customer's access tokens may still be valid ({@link CustomerErasures}).
     */
    public Uni<CustomerPayloads.Delete> delete(Caller caller, CustomerInputs.Delete input) {
        UUID id = CustomerService.accountChanger(caller);
        String password = input.password() == null ? "" : input.password();
        // Password confirmations are limited like sign-ins, so a stolen access token cannot be used to guess it.
        return limiter.tryAccountAttempt("erasure", id.toString()).chain(wait -> wait == 0 ? confirmAndErase(id, password)
                : Uni.createFrom().item(new CustomerPayloads.Delete(null, List.of(UserError.rateLimited("RATE_LIMITED", wait,
                        "Too many password attempts; try again in " + wait + " seconds", "input", "password")))));
    }

    private Uni<CustomerPayloads.Delete> confirmAndErase(UUID id, String password) {
        return repository.passwordHash(id).chain(hash -> {
            if (hash == null) {
                throw ApiException.notFound("No customer profile for this sign-in");
            }
            return passwords.matches(password, hash);
        }).chain(matches -> {
            if (!matches) {
                return Uni.createFrom().item(new CustomerPayloads.Delete(null, List.of(
                        UserError.of("INVALID_CREDENTIALS", "The password is not correct", "input", "password"))));
            }
            Uni<Void> outside = Uni.createFrom().voidItem();
            for (CustomerDataContributor contributor : contributors) {
                outside = outside.chain(() -> contributor.eraseOutside(id.toString()));
            }
            return outside.chain(() -> db.inTransaction(tx -> repository.lockForErasure(tx, id).chain(exists -> {
                if (!exists) {
                    throw ApiException.notFound("No customer profile for this sign-in");
                }
                Uni<Void> parts = Uni.createFrom().voidItem();
                for (CustomerDataContributor contributor : contributors) {
                    parts = parts.chain(() -> contributor.erase(tx, id.toString()));
                }
                return parts.chain(() -> repository.delete(tx, id));
            }))).invoke(() -> LOG.infof("Customer %s erased at their request", id))
                    // The access token lives on for minutes: paths that would store data about the person refuse it.
                    .call(() -> erasures.remember(id.toString()).onFailure().recoverWithUni(e -> {
                        LOG.warnf("Erasure of %s not remembered for its live access tokens: %s", id, e.getMessage());
                        return Uni.createFrom().voidItem();
                    }))
                    .map(done -> new CustomerPayloads.Delete(Customer.globalId(id.toString()), List.of()));
        });
    }
}
