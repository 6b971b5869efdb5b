package com.omnichannel.gateway.customer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.omnichannel.gateway.platform.db.Batch;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.paging.Page;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.validation.EmailAddress;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.platform.security.Role;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Uni;

/**
 * A customer's own profile: reading it, changing its fields, the address book and consents. Every operation works on
 * the caller's own customer id (the subject of their token); nothing here takes a customer id from the client, and an
 * address id of another customer is treated as unknown.
 */
@ApplicationScoped
public class CustomerService {

    private final CustomerRepository repository;
    private final StoreService stores;
    private final List<ConsentListener> consentListeners;

    public CustomerService(CustomerRepository repository, StoreService stores, Instance<ConsentListener> consentListeners) {
        this.repository = repository;
        this.stores = stores;
        this.consentListeners = consentListeners.stream().toList();
    }

    // ---- reads

    /**
     * The caller's own profile. When its address book or consents are selected too, they are read in the same
     * statement and answer those fields without a batch of their own.
     */
    public Uni<Customer> me(Caller caller, boolean withAddresses, boolean withConsents) {
        UUID id = customerId(caller);
        Uni<Customer> read = withAddresses || withConsents ? repository.byIdWithContents(id, withAddresses, withConsents)
                : repository.byId(id);
        return read.map(customer -> {
            if (customer == null) {
                throw ApiException.notFound("No customer profile for this sign-in");
            }
            return customer;
        });
    }

    /**
     * The email of a customer's account, or null when there is no account with this id. Access tokens carry no
     * email, so paths that need it (an order placed while signed in) ask here.
     */
    public Uni<String> emailOf(String customerId) {
        UUID id;
        try {
            id = UUID.fromString(customerId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().nullItem();
        }
        return repository.byId(id).map(customer -> customer == null ? null : customer.email());
    }

    // ---- staff

    private static final java.util.regex.Pattern PHONE_SEARCH = java.util.regex.Pattern.compile("^[+0-9 ()/.-]+$");

    /**
     * Staff: customers whose email starts with the search (when it contains '@'), whose phone number contains its
     * digits (when it looks like a phone number), or whose name contains it; all customers without a search.
     */
    public Uni<CustomerConnection> search(Caller caller, String search, PageRequest page) {
        caller.requireStaff();
        String term = search == null ? "" : search.strip();
        if (term.length() > 200) {
            throw ApiException.badUserInput("Argument 'search' may have at most 200 characters");
        }
        CustomerRepository.SearchBy by;
        if (term.isEmpty()) {
            by = CustomerRepository.SearchBy.ALL;
        } else if (term.contains("@")) {
            by = CustomerRepository.SearchBy.EMAIL;
        } else if (PHONE_SEARCH.matcher(term).matches() && term.chars().filter(Character::isDigit).count() >= 3) {
            by = CustomerRepository.SearchBy.PHONE;
            term = term.replaceAll("[^0-9]", "");
        } else {
            by = CustomerRepository.SearchBy.NAME;
        }
        return repository.search(by, term, page.fetchSize(), page.offset())
                .map(rows -> Page.connection(rows, page, CustomerConnection.Edge::new, CustomerConnection::new));
    }

    /**
     * A customer identified at a store's till (POS sales): by id, or by the email address their account and loyalty
     * membership are registered under; null when none matches. For staff and integration callers.
     */
    public Uni<Customer> identifiedAtTill(Caller caller, String id, String email) {
        caller.requireStaffOrIntegration();
        if (id != null) {
            String key = Customer.keyOf(id);
            UUID uuid;
            try {
                uuid = key == null ? null : UUID.fromString(key);
            } catch (IllegalArgumentException e) {
                uuid = null;
            }
            return uuid == null ? Uni.createFrom().nullItem() : repository.byId(uuid);
        }
        String normalized = EmailAddress.normalize(email);
        return EmailAddress.isValid(normalized) ? repository.byEmail(normalized) : Uni.createFrom().nullItem();
    }

    /** Staff: one customer by id; null when there is none. */
    public Uni<Customer> customerForStaff(Caller caller, String id) {
        caller.requireStaff();
        String key = Customer.keyOf(id);
        UUID uuid;
        try {
            uuid = key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            uuid = null;
        }
        return uuid == null ? Uni.createFrom().nullItem() : repository.byId(uuid);
    }

    /** An address by id for its owner or staff; null for anyone else and for an id of no address. */
    public Uni<CustomerAddress> address(Caller caller, String id) {
        Long key = GlobalId.tryDecode(CustomerAddress.TYPE, id);
        if (key == null) {
            throw ApiException.badUserInput("Argument 'id' is not a valid CustomerAddress id");
        }
        String customerId = caller.customerId();
        if (!caller.isStaff() && customerId == null) {
            return Uni.createFrom().nullItem();
        }
        return repository.addressByKey(key)
                .map(a -> a != null && (caller.isStaff() || a.customerId().equals(customerId)) ? a : null);
    }

    public Uni<List<List<CustomerAddress>>> addressesOf(List<Customer> customers) {
        return knownOrLoaded(customers, Customer.Contents::addresses, repository::addressesOf);
    }

    /** Every purpose, in a fixed order; one never decided is not granted. */
    public Uni<List<List<Consent>>> consentsOf(List<Customer> customers) {
        return knownOrLoaded(customers, Customer.Contents::consents, repository::consentsOf).map(given -> given.stream().map(list -> {
            Map<ConsentPurpose, Consent> byPurpose = new EnumMap<>(ConsentPurpose.class);
            list.forEach(consent -> byPurpose.put(consent.purpose(), consent));
            List<Consent> all = new ArrayList<>();
            for (ConsentPurpose purpose : ConsentPurpose.values()) {
                all.add(byPurpose.getOrDefault(purpose, new Consent(purpose, false, null, null)));
            }
            return all;
        }).toList());
    }

    /**
     * Children of each customer in their order: as read with the profile when they were (see {@link Customer.Contents}),
     * the others' in one batch.
     */
    /** The customers' children of one kind: those read with the profile as they are, the others in one batch. */
    private static <C> Uni<List<List<C>>> knownOrLoaded(List<Customer> customers, Function<Customer.Contents, List<C>> known,
            Function<Collection<String>, Uni<Map<String, List<C>>>> load) {
        return Batch.manyUnlessKnown(customers, c -> c.contents() == null ? null : known.apply(c.contents()), Customer::key,
                load::apply);
    }

    public Uni<List<Location>> preferredStoresOf(List<CustomerPreferences> preferences) {
        Set<Long> keys = new LinkedHashSet<>();
        preferences.forEach(p -> {
            if (p.preferredStoreKey() != null) {
                keys.add(p.preferredStoreKey());
            }
        });
        if (keys.isEmpty()) {
            return Uni.createFrom().item(preferences.stream().map(p -> (Location) null).toList());
        }
        return stores.locationsByKeys(keys).map(byKey -> {
            List<Location> result = new ArrayList<>();
            preferences.forEach(p -> result.add(p.preferredStoreKey() == null ? null : byKey.get(p.preferredStoreKey())));
            return result;
        });
    }

    public Uni<CustomerEventConnection> events(Customer customer, PageRequest page) {
        return repository.events(UUID.fromString(customer.key()), page.fetchSize(), page.offset())
                .map(rows -> Page.connection(rows, page, CustomerEventConnection.Edge::new, CustomerEventConnection::new));
    }

    // ---- profile changes

    public Uni<CustomerPayloads.Profile> update(Caller caller, CustomerInputs.Update input) {
        UUID id = accountChanger(caller);
        UserError error = null;
        if (input.firstName() != null) {
            error = CustomerValidation.required(input.firstName(), CustomerValidation.MAX_NAME, "First name", "input", "firstName");
        }
        if (error == null && input.lastName() != null) {
            error = CustomerValidation.required(input.lastName(), CustomerValidation.MAX_NAME, "Last name", "input", "lastName");
        }
        if (error == null) {
            error = CustomerValidation.phone(input.phone(), "input", "phone");
        }
        if (error == null) {
            error = CustomerValidation.language(input.language(), "input", "language");
        }
        if (error == null && (input.preferredChannel() == Channel.STAFF || input.preferredChannel() == Channel.POS)) {
            error = UserError.of("INVALID_CHANNEL", "Preferred channel must be WEB, MOBILE or KIOSK", "input", "preferredChannel");
        }
        if (error != null) {
            return Uni.createFrom().item(CustomerPayloads.Profile.failed(error));
        }
        boolean clearStore = input.preferredStoreId() != null && input.preferredStoreId().isEmpty();
        Long storeKey = input.preferredStoreId() == null || clearStore ? null : GlobalId.tryDecode(Location.TYPE, input.preferredStoreId());
        if (input.preferredStoreId() != null && !clearStore && storeKey == null) {
            return Uni.createFrom().item(CustomerPayloads.Profile.failed(unknownStore()));
        }
        Uni<Location> store = storeKey == null ? Uni.createFrom().nullItem() : stores.findStore(storeKey);
        return store.chain(found -> {
            if (storeKey != null && found == null) {
                return Uni.createFrom().item(CustomerPayloads.Profile.failed(unknownStore()));
            }
            CustomerRepository.ProfileChange change = new CustomerRepository.ProfileChange(
                    CustomerValidation.strip(input.firstName()), CustomerValidation.strip(input.lastName()),
                    CustomerValidation.strip(input.phone()), CustomerValidation.strip(input.language()), storeKey, clearStore,
                    input.preferredChannel());
            return repository.update(id, change).map(updated -> {
                if (updated == null) {
                    throw ApiException.notFound("No customer profile for this sign-in");
                }
                return new CustomerPayloads.Profile(updated, List.of());
            });
        });
    }

    public Uni<CustomerPayloads.Profile> setConsent(Caller caller, CustomerInputs.ConsentSet input) {
        UUID id = accountChanger(caller);
        return repository.byId(id).chain(customer -> {
            if (customer == null) {
                throw ApiException.notFound("No customer profile for this sign-in");
            }
            return repository.setConsent(id, input.purpose(), input.granted(), caller.channel())
                    .call(() -> {
                        ConsentChanged change = new ConsentChanged(id.toString(), input.purpose(), input.granted());
                        Uni<Void> all = Uni.createFrom().voidItem();
                        for (ConsentListener listener : consentListeners) {
                            all = all.call(() -> listener.consentChanged(change));
                        }
                        return all;
                    })
                    .replaceWith(new CustomerPayloads.Profile(customer, List.of()));
        });
    }

    // ---- address book

    public Uni<CustomerPayloads.Address> createAddress(Caller caller, CustomerInputs.AddressCreate input) {
        UUID id = accountChanger(caller);
        Object checked = checkAddress(input.firstName(), input.lastName(), input.company(), input.line1(), input.line2(),
                input.city(), input.postalCode(), input.region(), input.countryCode(), input.phone(),
                Boolean.TRUE.equals(input.defaultShipping()));
        if (checked instanceof UserError error) {
            return Uni.createFrom().item(CustomerPayloads.Address.failed(error));
        }
        CustomerRepository.AddressFields fields = (CustomerRepository.AddressFields) checked;
        return repository.withAddressBook(id, book -> {
            if (!book.customerExists()) {
                throw ApiException.notFound("No customer profile for this sign-in");
            }
            return book.count().chain(count -> count >= CustomerValidation.MAX_ADDRESSES
                    ? Uni.createFrom().item(CustomerPayloads.Address.failed(UserError.of("TOO_MANY_ADDRESSES",
                            "An address book holds at most " + CustomerValidation.MAX_ADDRESSES + " addresses")))
                    : book.insert(fields).map(address -> new CustomerPayloads.Address(address, List.of())));
        });
    }

    public Uni<CustomerPayloads.Address> updateAddress(Caller caller, CustomerInputs.AddressUpdate input) {
        UUID id = accountChanger(caller);
        Long key = GlobalId.tryDecode(CustomerAddress.TYPE, input.id());
        if (key == null) {
            return Uni.createFrom().item(CustomerPayloads.Address.failed(addressNotFound()));
        }
        return repository.withAddressBook(id, book -> book.find(key).chain(current -> {
            if (current == null) {
                return Uni.createFrom().item(CustomerPayloads.Address.failed(addressNotFound()));
            }
            Object checked = checkAddress(
                    or(input.firstName(), current.firstName()), or(input.lastName(), current.lastName()),
                    orOptional(input.company(), current.company()), or(input.line1(), current.line1()),
                    orOptional(input.line2(), current.line2()), or(input.city(), current.city()),
                    or(input.postalCode(), current.postalCode()), orOptional(input.region(), current.region()),
                    or(input.countryCode(), current.countryCode()), orOptional(input.phone(), current.phone()),
                    input.defaultShipping() == null ? current.defaultShipping() : input.defaultShipping());
            if (checked instanceof UserError error) {
                return Uni.createFrom().item(CustomerPayloads.Address.failed(error));
            }
            return book.update(key, (CustomerRepository.AddressFields) checked)
                    .map(address -> new CustomerPayloads.Address(address, List.of()));
        }));
    }

    public Uni<CustomerPayloads.AddressDelete> deleteAddress(Caller caller, CustomerInputs.AddressDelete input) {
        UUID id = accountChanger(caller);
        Long key = GlobalId.tryDecode(CustomerAddress.TYPE, input.id());
        if (key == null) {
            return Uni.createFrom().item(new CustomerPayloads.AddressDelete(null, List.of(addressNotFound())));
        }
        return repository.withAddressBook(id, book -> book.delete(key)).map(deleted -> deleted
                ? new CustomerPayloads.AddressDelete(input.id(), List.of())
                : new CustomerPayloads.AddressDelete(null, List.of(addressNotFound())));
    }

    /** The address as it will be stored, or the first rule it breaks (a UserError). */
    private static Object checkAddress(String firstName, String lastName, String company, String line1, String line2,
            String city, String postalCode, String region, String countryCode, String phone, boolean defaultShipping) {
        UserError error = firstOf(
                CustomerValidation.required(firstName, CustomerValidation.MAX_NAME, "First name", "input", "firstName"),
                CustomerValidation.required(lastName, CustomerValidation.MAX_NAME, "Last name", "input", "lastName"),
                CustomerValidation.tooLong(company, CustomerValidation.MAX_COMPANY, "Company", "input", "company"),
                CustomerValidation.required(line1, CustomerValidation.MAX_LINE, "Address line 1", "input", "line1"),
                CustomerValidation.tooLong(line2, CustomerValidation.MAX_LINE, "Address line 2", "input", "line2"),
                CustomerValidation.required(city, CustomerValidation.MAX_CITY, "City", "input", "city"),
                CustomerValidation.tooLong(region, CustomerValidation.MAX_REGION, "Region", "input", "region"),
                CustomerValidation.phone(phone, "input", "phone"));
        if (error != null) {
            return error;
        }
        String country = CustomerValidation.country(countryCode);
        if (country == null) {
            return UserError.of("INVALID_COUNTRY", "Country must be an ISO 3166-1 alpha-2 code, e.g. DE", "input", "countryCode");
        }
        String postal = CustomerValidation.postalCode(postalCode, country);
        if (postal == null) {
            return UserError.of("INVALID_POSTAL_CODE", "Not a valid postal code for " + country, "input", "postalCode");
        }
        return new CustomerRepository.AddressFields(firstName.strip(), lastName.strip(), CustomerValidation.optional(company),
                line1.strip(), CustomerValidation.optional(line2), city.strip(), postal, CustomerValidation.optional(region),
                country, CustomerValidation.optional(phone), defaultShipping);
    }

    private static UserError firstOf(UserError... errors) {
        for (UserError error : errors) {
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    /** A required field: null keeps the current value (an empty one is then refused as missing). */
    private static String or(String given, String current) {
        return given == null ? current : given;
    }

    /** An optional field: null keeps the current value, empty removes it. */
    private static String orOptional(String given, String current) {
        return given == null ? current : given.isBlank() ? null : given;
    }

    private static UserError addressNotFound() {
        return UserError.of("NOT_FOUND", "No address with this id in your address book", "input", "id");
    }

    private static UserError unknownStore() {
        return UserError.of("UNKNOWN_STORE", "No store with this id", "input", "preferredStoreId");
    }

    // ---- who may

    /** The signed-in customer's id; anonymous callers are UNAUTHENTICATED, callers of other roles FORBIDDEN. */
    static UUID customerId(Caller caller) {
        if (!caller.isAuthenticated()) {
            throw ApiException.unauthenticated();
        }
        if (!caller.hasRole(Role.CUSTOMER)) {
            throw new ApiException(com.omnichannel.gateway.platform.errors.ErrorCode.FORBIDDEN, "Only for signed-in customers");
        }
        try {
            return UUID.fromString(caller.subject());
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No customer profile for this sign-in");
        }
    }

    /** As {@link #customerId}, and not from a kiosk session: a shared device reads the profile but never changes it. */
    static UUID accountChanger(Caller caller) {
        UUID id = customerId(caller);
        if (caller.channel() == Channel.KIOSK) {
            throw new ApiException(com.omnichannel.gateway.platform.errors.ErrorCode.FORBIDDEN,
                    "Account settings cannot be changed in a kiosk session");
        }
        return id;
    }
}
