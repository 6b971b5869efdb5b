package com.omnichannel.gateway.customer;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ratelimit.RateLimiter;
import com.omnichannel.gateway.platform.security.Secrets;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.platform.security.TokenIssuer;
import com.omnichannel.gateway.store.Location;

import io.smallrye.mutiny.Uni;

/**
 * Registration, password sign-in (customers and staff), refresh-token rotation and sign-out.
 * <p>
 * Access tokens are short-lived JWTs signed by {@link TokenIssuer} and verified like any identity provider's.
 * Refresh tokens are random, stored only as SHA-256 hashes, used once: each refresh returns a successor, and a
 * token presented a second time ends every session of that sign-in (its family), since one of the two presenters
 * must have stolen it. A kiosk that signs a customer in gets a short kiosk session instead: an access token bound
 * to the kiosk's store, without a refresh token, and the visit is recorded.
 */
@ApplicationScoped
public class CustomerAuthService {

    private static final Logger LOG = Logger.getLogger(CustomerAuthService.class);
    static final String INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect";
    private static final int MAX_REFRESH_TOKEN = 200;
    /** Rate-limit action: registrations per client address (each one costs a password hash, by design slow). */
    static final String REGISTRATIONS_PER_ADDRESS = "registrations-per-address";

    private final CustomerRepository customers;
    private final SessionRepository sessions;
    private final PasswordHasher passwords;
    private final SignInLimiter limiter;
    private final TokenIssuer tokens;
    private final CustomerActivity activity;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;
    private final Duration kioskSessionLifetime;
    private final Duration staffLifetime;
    private final RateLimiter rateLimiter;
    private final RateLimiter.Limit registrationsPerAddress;

    public CustomerAuthService(CustomerRepository customers, SessionRepository sessions, PasswordHasher passwords,
            SignInLimiter limiter, TokenIssuer tokens, CustomerActivity activity, RateLimiter rateLimiter,
            CustomerConfig config, StaffConfig staff) {
        this.customers = customers;
        this.sessions = sessions;
        this.passwords = passwords;
        this.limiter = limiter;
        this.tokens = tokens;
        this.activity = activity;
        this.accessLifetime = config.accessTokenLifetime();
        this.refreshLifetime = config.refreshTokenLifetime();
        this.kioskSessionLifetime = config.kioskSessionLifetime();
        this.staffLifetime = staff.tokenLifetime();
        this.rateLimiter = rateLimiter;
        this.registrationsPerAddress = rateLimiter.limit(REGISTRATIONS_PER_ADDRESS, 20, Duration.ofHours(1));
    }

    // ---- registration

    public Uni<CustomerPayloads.Session> register(Caller caller, String clientAddressKey, CustomerInputs.Register input) {
        return rateLimiter.enforce(registrationsPerAddress, clientAddressKey)
                .onFailure(e -> !(e instanceof ApiException)).recoverWithUni(e -> {
                    // Registration stays open while Redis is away; only the limit is not counted then.
                    LOG.warnf("Registration limiter unavailable: %s", e.toString());
                    return Uni.createFrom().voidItem();
                })
                .chain(() -> registerNow(caller, input));
    }

    private Uni<CustomerPayloads.Session> registerNow(Caller caller, CustomerInputs.Register input) {
        String email = CustomerValidation.normalizeEmail(input.email());
        UserError error = validateRegistration(input, email);
        if (error != null) {
            return Uni.createFrom().item(CustomerPayloads.Session.failed(error));
        }
        Map<ConsentPurpose, Boolean> consents = new EnumMap<>(ConsentPurpose.class);
        List<CustomerInputs.ConsentInput> given = input.consents() == null ? List.of() : input.consents();
        for (int i = 0; i < given.size(); i++) {
            CustomerInputs.ConsentInput consent = given.get(i);
            if (consent == null || consents.containsKey(consent.purpose())) {
                return Uni.createFrom().item(CustomerPayloads.Session.failed(UserError.of("INVALID_CONSENTS",
                        "Give each purpose at most once", "input", "consents", String.valueOf(i))));
            }
            consents.put(consent.purpose(), consent.granted());
        }
        String language = input.language() == null || input.language().isBlank() ? "en" : input.language().strip();
        return passwords.hash(input.password())
                .chain(hash -> customers.create(new CustomerRepository.NewCustomer(email, hash,
                        input.firstName().strip(), input.lastName().strip(), CustomerValidation.optional(input.phone()),
                        language, consents, caller.channel())))
                .chain(created -> created == null
                        ? Uni.createFrom().item(CustomerPayloads.Session.failed(UserError.of("EMAIL_TAKEN",
                                "An account with this email already exists", "input", "email")))
                        : startSession(caller, created));
    }

    private static UserError validateRegistration(CustomerInputs.Register input, String email) {
        if (!CustomerValidation.validEmail(email)) {
            return UserError.of("INVALID_EMAIL", "Email must be an address like name@example.com (at most "
                    + CustomerValidation.MAX_EMAIL + " characters)", "input", "email");
        }
        if (!PasswordPolicy.accepts(input.password())) {
            return UserError.of("WEAK_PASSWORD", PasswordPolicy.DESCRIPTION, "input", "password");
        }
        UserError error = CustomerValidation.required(input.firstName(), CustomerValidation.MAX_NAME, "First name", "input", "firstName");
        if (error == null) {
            error = CustomerValidation.required(input.lastName(), CustomerValidation.MAX_NAME, "Last name", "input", "lastName");
        }
        if (error == null) {
            error = CustomerValidation.phone(input.phone(), "input", "phone");
        }
        if (error == null) {
            error = CustomerValidation.language(input.language(), "input", "language");
        }
        return error;
    }

    // ---- sign-in

    public Uni<CustomerPayloads.Session> signIn(Caller caller, String clientAddress, CustomerInputs.SignIn input) {
        String email = CustomerValidation.normalizeEmail(input.email());
        String password = input.password() == null ? "" : input.password();
        return limiter.tryAttempt("customer", email, clientAddress).chain(wait -> {
            if (wait > 0) {
                return Uni.createFrom().item(CustomerPayloads.Session.failed(rateLimited(wait)));
            }
            return sessions.customerCredentials(email)
                    .chain(found -> passwords.matches(password, found == null ? null : found.passwordHash())
                            .chain(matches -> {
                                if (!matches || found == null) {
                                    return Uni.createFrom().item(CustomerPayloads.Session.failed(invalidCredentials()));
                                }
                                return limiter.succeeded("customer", email)
                                        .chain(() -> customers.byId(found.id()))
                                        .chain(customer -> startSession(caller, customer));
                            }));
        });
    }

    /** A session for a customer who just proved who they are: a kiosk session at a kiosk, a full one elsewhere. */
    private Uni<CustomerPayloads.Session> startSession(Caller caller, Customer customer) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (caller.channel() == Channel.KIOSK && caller.storeId() != null) {
            String storeId = Location.globalId(caller.storeId());
            Instant expires = now.plus(kioskSessionLifetime);
            return tokens.customerToken(customer.key(), Channel.KIOSK, storeId, expires).map(access -> {
                activity.record(customer.key(), CustomerEventKind.SIGNED_IN, Channel.KIOSK, storeId);
                activity.record(customer.key(), CustomerEventKind.STORE_VISIT, Channel.KIOSK, storeId);
                return new CustomerPayloads.Session(customer, new AuthTokens(access, at(expires), null, null), List.of());
            });
        }
        Channel channel = caller.channel();
        Instant accessExpires = now.plus(accessLifetime);
        Instant refreshExpires = now.plus(refreshLifetime);
        String refresh = newRefreshToken();
        return sessions.startFamily(UUID.fromString(customer.key()), sha256(refresh), channel, at(refreshExpires))
                .chain(() -> tokens.customerToken(customer.key(), null, null, accessExpires))
                .map(access -> {
                    activity.record(customer.key(), CustomerEventKind.SIGNED_IN, channel, null);
                    return new CustomerPayloads.Session(customer,
                            new AuthTokens(access, at(accessExpires), refresh, at(refreshExpires)), List.of());
                });
    }

    // ---- refresh and sign-out

    public Uni<CustomerPayloads.Session> refresh(CustomerInputs.TokenRefresh input) {
        String presented = input.refreshToken();
        if (presented == null || presented.isBlank() || presented.length() > MAX_REFRESH_TOKEN) {
            return Uni.createFrom().item(CustomerPayloads.Session.failed(invalidRefreshToken()));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant accessExpires = now.plus(accessLifetime);
        Instant refreshExpires = now.plus(refreshLifetime);
        String successor = newRefreshToken();
        return sessions.rotate(sha256(presented), sha256(successor), at(refreshExpires)).chain(rotation -> switch (rotation.result()) {
            case ROTATED -> customers.byId(rotation.customerId())
                    .chain(customer -> tokens.customerToken(customer.key(), null, null, accessExpires)
                            .map(access -> new CustomerPayloads.Session(customer,
                                    new AuthTokens(access, at(accessExpires), successor, at(refreshExpires)), List.of())));
            case REUSED -> Uni.createFrom().item(CustomerPayloads.Session.failed(UserError.of("REFRESH_TOKEN_REUSED",
                    "This refresh token was used before, so every session of this sign-in has been ended; sign in again",
                    "input", "refreshToken")));
            default -> Uni.createFrom().item(CustomerPayloads.Session.failed(invalidRefreshToken()));
        });
    }

    /** Ends the session the refresh token belongs to (every token of its family); signing out twice is fine. */
    public Uni<CustomerPayloads.SignOut> signOut(CustomerInputs.SignOut input) {
        String presented = input.refreshToken();
        if (presented == null || presented.isBlank() || presented.length() > MAX_REFRESH_TOKEN) {
            return Uni.createFrom().item(new CustomerPayloads.SignOut(false, List.of(invalidRefreshToken())));
        }
        return sessions.revokeFamily(sha256(presented)).map(known -> known
                ? new CustomerPayloads.SignOut(true, List.of())
                : new CustomerPayloads.SignOut(false, List.of(invalidRefreshToken())));
    }

    // ---- staff

    public Uni<CustomerPayloads.StaffSession> staffSignIn(String clientAddress, CustomerInputs.StaffSignIn input) {
        String email = CustomerValidation.normalizeEmail(input.email());
        String password = input.password() == null ? "" : input.password();
        return limiter.tryAttempt("staff", email, clientAddress).chain(wait -> {
            if (wait > 0) {
                return Uni.createFrom().item(CustomerPayloads.StaffSession.failed(rateLimited(wait)));
            }
            return sessions.staffCredentials(email)
                    .chain(found -> passwords.matches(password, found == null ? null : found.passwordHash())
                            .chain(matches -> {
                                if (!matches || found == null) {
                                    return Uni.createFrom().item(CustomerPayloads.StaffSession.failed(invalidCredentials()));
                                }
                                Instant expires = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(staffLifetime);
                                Set<String> roles = new LinkedHashSet<>(found.roles());
                                return limiter.succeeded("staff", email)
                                        .chain(() -> tokens.staffSessionToken("staff:" + found.id(), roles, expires))
                                        .map(access -> new CustomerPayloads.StaffSession(
                                                new AuthTokens(access, at(expires), null, null),
                                                roles.stream().sorted().toList(), List.of()));
                            }));
        });
    }

    /** Creates a staff account (demo data); the password must meet the policy. */
    public Uni<Void> createStaffAccount(String email, String password, String name, List<String> roles) {
        if (!PasswordPolicy.accepts(password)) {
            throw ApiException.badUserInput(PasswordPolicy.DESCRIPTION);
        }
        return passwords.hash(password).chain(hash -> sessions.createStaff(CustomerValidation.normalizeEmail(email), hash, name, roles));
    }

    /** Creates a customer account unless the email is taken (demo data); true when it did. */
    public Uni<Boolean> createCustomerAccount(String email, String password, String firstName, String lastName,
            Map<ConsentPurpose, Boolean> consents) {
        if (!PasswordPolicy.accepts(password)) {
            throw ApiException.badUserInput(PasswordPolicy.DESCRIPTION);
        }
        return passwords.hash(password).chain(hash -> customers.create(new CustomerRepository.NewCustomer(
                CustomerValidation.normalizeEmail(email), hash, firstName, lastName, null, "en", consents, Channel.WEB)))
                .map(created -> created != null);
    }

    // ---- helpers

    private static UserError rateLimited(long retryAfterSeconds) {
        return UserError.rateLimited("RATE_LIMITED", retryAfterSeconds,
                "Too many sign-in attempts; try again in " + retryAfterSeconds + " seconds");
    }

    private static UserError invalidCredentials() {
        return UserError.of("INVALID_CREDENTIALS", INVALID_CREDENTIALS_MESSAGE);
    }

    private static UserError invalidRefreshToken() {
        return UserError.of("INVALID_REFRESH_TOKEN", "The refresh token is invalid, expired or revoked; sign in again",
                "input", "refreshToken");
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String newRefreshToken() {
        return Secrets.randomToken(32);
    }

    static String sha256(String value) {
        return Secrets.sha256Hex(value);
    }
}
