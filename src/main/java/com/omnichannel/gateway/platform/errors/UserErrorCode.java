package com.omnichannel.gateway.platform.errors;

import org.eclipse.microprofile.graphql.Description;

/**
 * Every code a {@link UserError} can carry, for every domain: one list, so a new code is one line here (keep the
 * names in alphabetical order). A code names the failure, not the domain; the same code means the same thing
 * wherever it comes back. {@code UserErrorCodesTest} fails when the code base names a code this list lacks.
 */
@Description("What went wrong in a mutation, as a stable code (userErrors { code }). The message says it in words "
        + "and may change; clients branch on the code.")
public enum UserErrorCode {
    @Description("Shipping needs a delivery address.")
    ADDRESS_REQUIRED,
    @Description("A stock count or adjustment would leave less on hand than is reserved for orders.")
    BELOW_RESERVED,
    @Description("The card has expired.")
    CARD_EXPIRED,
    @Description("The cart became an order while this checkout was running (another device checked it out).")
    CART_ALREADY_CHECKED_OUT,
    @Description("Checkout of a cart without lines.")
    CART_EMPTY,
    @Description("No cart with this id for this caller (or it has expired).")
    CART_NOT_FOUND,
    @Description("The cart is no longer at expectedVersion: another device changed it; read it again and retry.")
    CART_VERSION_CONFLICT,
    @Description("Another checkout (or POS sale) with the same idempotency key is running or did not complete; retry with the same key.")
    CHECKOUT_CONFLICT,
    @Description("Another promotion already uses this coupon code.")
    CODE_TAKEN,
    @Description("A stock item's compareQuantity is not the on-hand quantity any more (another change came first): that item was not changed; read the level again and retry it.")
    COMPARE_QUANTITY_MISMATCH,
    @Description("The customer has used this coupon as often as it may be used per customer.")
    COUPON_CUSTOMER_LIMIT,
    @Description("The coupon's total usage limit is reached.")
    COUPON_EXHAUSTED,
    @Description("The coupon's end date has passed.")
    COUPON_EXPIRED,
    @Description("The coupon is paused.")
    COUPON_INACTIVE,
    @Description("The cart's subtotal is below the coupon's minimum.")
    COUPON_MINIMUM_NOT_MET,
    @Description("No item in the cart is in the coupon's scope (or the cart is empty).")
    COUPON_NOT_APPLICABLE,
    @Description("The coupon is for other loyalty tiers than the customer's.")
    COUPON_NOT_ELIGIBLE,
    @Description("The coupon's start date has not come yet.")
    COUPON_NOT_YET_VALID,
    @Description("No coupon with this code.")
    COUPON_UNKNOWN,
    @Description("The coupon is not valid on the caller's channel.")
    COUPON_WRONG_CHANNEL,
    @Description("The same barcode is given to two variants, or another variant already has it.")
    DUPLICATE_BARCODE,
    @Description("Another variant or location already uses this external reference.")
    DUPLICATE_EXTERNAL_REF,
    @Description("The same SKU is given to two variants, or another variant already has it.")
    DUPLICATE_SKU,
    @Description("Another product already uses this slug.")
    DUPLICATE_SLUG,
    @Description("The same stock level (variant at location) is named by two items of one call: neither was changed.")
    DUPLICATE_STOCK_ITEM,
    @Description("Guests must give an email address at checkout.")
    EMAIL_REQUIRED,
    @Description("An account with this email exists already.")
    EMAIL_TAKEN,
    @Description("Fulfilment of the order has started: the customer can no longer cancel, split or merge it.")
    FULFILMENT_STARTED,
    @Description("A gift card was spent or expired while checking out, so it no longer covers its part; check its balance and try again (nothing was ordered).")
    GIFT_CARD_BALANCE_CHANGED,
    @Description("The gift card has nothing left to spend.")
    GIFT_CARD_EMPTY,
    @Description("The gift card has expired and can no longer pay.")
    GIFT_CARD_EXPIRED,
    @Description("No gift card has this code (or it is not a code).")
    GIFT_CARD_UNKNOWN,
    @Description("Too many hand-off code claims from this client; try again later.")
    HANDOFF_ATTEMPTS_EXCEEDED,
    @Description("The hand-off code is unknown, expired or used.")
    HANDOFF_CODE_INVALID,
    @Description("An inspection decision takes more units of a return line than it still holds for inspection.")
    HELD_QUANTITY_EXCEEDED,
    @Description("The idempotency key was used before for a different request (a checkout, a stock sync, a POS sale).")
    IDEMPOTENCY_KEY_REUSED,
    @Description("The order or shipment cannot move from its status to the one asked for.")
    ILLEGAL_TRANSITION,
    @Description("The loyalty balance is smaller than the points to redeem or take away.")
    INSUFFICIENT_POINTS,
    @Description("Some cart lines cannot be filled now (stockShortages says which and what is available), or a POS sale takes more than the store has available.")
    INSUFFICIENT_STOCK,
    @Description("The store credit balance is smaller than the amount to spend or take away.")
    INSUFFICIENT_STORE_CREDIT,
    @Description("A delivery address is incomplete or invalid (the field says which part).")
    INVALID_ADDRESS,
    @Description("A stock adjustment gives both or neither of delta and onHand.")
    INVALID_ADJUSTMENT,
    @Description("An amount is not a valid decimal amount in its range (a promotion's amount off, a store credit or gift card value, a POS sale's discount, tender or tax).")
    INVALID_AMOUNT,
    @Description("The barcode is not a GTIN (8, 12, 13 or 14 digits) with a valid check digit.")
    INVALID_BARCODE,
    @Description("A product's brand is too long.")
    INVALID_BRAND,
    @Description("Card details are missing or not a valid card.")
    INVALID_CARD,
    @Description("The channel cannot be chosen here (e.g. a preferred channel of STAFF).")
    INVALID_CHANNEL,
    @Description("A coupon code is not 3 to 32 letters, digits or dashes.")
    INVALID_CODE,
    @Description("Pickup hand-over: the collection code is wrong, or belongs to another store's pickup; wrong codes are counted.")
    INVALID_COLLECTION_CODE,
    @Description("The consents given at registration name a purpose twice.")
    INVALID_CONSENTS,
    @Description("The country is not an ISO 3166-1 alpha-2 code.")
    INVALID_COUNTRY,
    @Description("Wrong email or password (the same code for both).")
    INVALID_CREDENTIALS,
    @Description("The customer id (or loyalty identification) is missing or names no customer.")
    INVALID_CUSTOMER,
    @Description("A promotion ends before it starts.")
    INVALID_DATES,
    @Description("A product's description is too long.")
    INVALID_DESCRIPTION,
    @Description("A disposition is not allowed here (an inspection decision is RESTOCK or DAMAGED, not INSPECT).")
    INVALID_DISPOSITION,
    @Description("Not an email address like name@example.com.")
    INVALID_EMAIL,
    @Description("An external reference is not 1 to 100 printable characters without spaces at either end.")
    INVALID_EXTERNAL_REF,
    @Description("More gift cards than one order may take, or the same card twice.")
    INVALID_GIFT_CARD_CODES,
    @Description("A store-hours exception is invalid (bad date, times, or more than one per day).")
    INVALID_HOURS_EXCEPTION,
    @Description("The idempotency key is not 8 to 128 visible ASCII characters.")
    INVALID_IDEMPOTENCY_KEY,
    @Description("An image URL is not an absolute http(s) URL of at most 2000 characters.")
    INVALID_IMAGE_URL,
    @Description("Not a language tag like 'de' or 'en-GB'.")
    INVALID_LANGUAGE,
    @Description("A usage limit is not positive, or below the uses so far.")
    INVALID_LIMIT,
    @Description("A list of lines is empty, too long or holds null.")
    INVALID_LINES,
    @Description("Points to redeem at checkout are not a positive number.")
    INVALID_LOYALTY_POINTS,
    @Description("Shipments to merge are fewer than 2, more than 20, repeated, or cannot go together.")
    INVALID_MERGE,
    @Description("A name is empty or too long.")
    INVALID_NAME,
    @Description("A note is too long.")
    INVALID_NOTE,
    @Description("A POS sale's occurredAt is in the future.")
    INVALID_OCCURRED_AT,
    @Description("An opening-hours interval is invalid (unknown time, or opening and closing at the same time).")
    INVALID_OPENING_HOURS,
    @Description("Variant options are too many, repeated or empty.")
    INVALID_OPTIONS,
    @Description("Payment details that do not fit the payment method (e.g. card details when paying in store), or POS tenders that do not add up to the sale's total.")
    INVALID_PAYMENT,
    @Description("A percentage is not more than 0 and at most 100, with up to 2 decimals.")
    INVALID_PERCENTAGE,
    @Description("Not a phone number, e.g. +49 30 1234567.")
    INVALID_PHONE,
    @Description("Store pickup settings out of range (preparation time, slot length or slot capacity).")
    INVALID_PICKUP_SETTINGS,
    @Description("The pickup slot is unknown, belongs to another store, is not offered, or has passed.")
    INVALID_PICKUP_SLOT,
    @Description("The pickup store is missing or not a store.")
    INVALID_PICKUP_STORE,
    @Description("Points to adjust are 0 or out of range.")
    INVALID_POINTS,
    @Description("Not a valid postal code for the country.")
    INVALID_POSTAL_CODE,
    @Description("A price or compare-at price is not a decimal amount of at least 0.")
    INVALID_PRICE,
    @Description("A quantity, delta or threshold is out of range.")
    INVALID_QUANTITY,
    @Description("A reason is missing or too long.")
    INVALID_REASON,
    @Description("The refresh token is invalid, expired or revoked.")
    INVALID_REFRESH_TOKEN,
    @Description("A promotion's scope names too many products and categories.")
    INVALID_SCOPE,
    @Description("Not a SKU of 1 to 64 letters, digits, '.', '_', '/' or '-'.")
    INVALID_SKU,
    @Description("Not a slug of lowercase letters, digits and single hyphens.")
    INVALID_SLUG,
    @Description("Lines to split off are missing, too many, repeated, or more than the shipment holds.")
    INVALID_SPLIT,
    @Description("A carrier or tracking number is empty or too long.")
    INVALID_TRACKING,
    @Description("A variant in the input is null or incomplete.")
    INVALID_VARIANT,
    @Description("A webhook subscription needs at least one event.")
    INVALID_WEBHOOK_EVENTS,
    @Description("No line with this id in the cart.")
    LINE_NOT_FOUND,
    @Description("Fewer points than the smallest redemption allowed.")
    LOYALTY_POINTS_BELOW_MINIMUM,
    @Description("The points are worth more than they may pay of this order.")
    LOYALTY_POINTS_OVER_MAXIMUM,
    @Description("Loyalty points can be redeemed by signed-in customers only.")
    LOYALTY_SIGN_IN_REQUIRED,
    @Description("A stock change would leave less than zero on hand.")
    NEGATIVE_STOCK,
    @Description("The object the input names (a product, variant, address, ...) does not exist for this caller.")
    NOT_FOUND,
    @Description("The product may not be returned (staff marked it not returnable).")
    NOT_RETURNABLE,
    @Description("Only delivered shipments have tracking numbers.")
    NOT_SHIPPED,
    @Description("Only inside the pickup expiry job: the order is no longer an uncollected pickup (collected, cancelled or partly collected meanwhile); never sent to clients.")
    NOT_UNCOLLECTED,
    @Description("The order must be confirmed first.")
    ORDER_NOT_CONFIRMED,
    @Description("Two opening-hours intervals of a store overlap.")
    OVERLAPPING_OPENING_HOURS,
    @Description("The card payment was declined.")
    PAYMENT_DECLINED,
    @Description("The payment method is not available for this order (e.g. paying in store when shipping).")
    PAYMENT_METHOD_UNAVAILABLE,
    @Description("The pickup slot has no capacity left; choose another (nothing was ordered).")
    PICKUP_SLOT_FULL,
    @Description("The pickup slot cannot be chosen for this cart (e.g. the fulfilment is not pickup, or it is too far ahead).")
    PICKUP_SLOT_UNAVAILABLE,
    @Description("An automatic promotion reached its per-customer limit while checking out; review the cart and try again.")
    PROMOTION_CUSTOMER_LIMIT,
    @Description("An automatic promotion was used up while checking out; review the cart and try again.")
    PROMOTION_EXHAUSTED,
    @Description("A line would exceed the largest quantity per line.")
    QUANTITY_LIMIT_EXCEEDED,
    @Description("Too many attempts (sign-in, password confirmation); try again later.")
    RATE_LIMITED,
    @Description("A reason is required for this change.")
    REASON_REQUIRED,
    @Description("The refresh token was used before: every session of that sign-in has been ended.")
    REFRESH_TOKEN_REUSED,
    @Description("The refund cannot go there: store credit for a guest order or not installed, or an original payment that was never taken.")
    REFUND_DESTINATION_UNAVAILABLE,
    @Description("The refund is more than is left to refund on the return, or refunds of the order would exceed what was paid for it.")
    REFUND_TOO_LARGE,
    @Description("A required field is empty.")
    REQUIRED,
    @Description("More units than were delivered or picked up, minus those already returned or being returned.")
    RETURN_QUANTITY_EXCEEDED,
    @Description("The return period of the units (counted from when they reached the customer) has ended.")
    RETURN_WINDOW_CLOSED,
    @Description("The shipment cannot be split in its status.")
    SHIPMENT_NOT_SPLITTABLE,
    @Description("The shop does not ship to this country.")
    SHIPPING_UNAVAILABLE,
    @Description("Store credit can be spent by signed-in customers only.")
    STORE_CREDIT_SIGN_IN_REQUIRED,
    @Description("Store credit or a gift card would pay more than the amount due (the tenders before it already pay it all).")
    TENDER_EXCEEDS_AMOUNT_DUE,
    @Description("A text field is longer than allowed.")
    TOO_LONG,
    @Description("The address book is full.")
    TOO_MANY_ADDRESSES,
    @Description("Too many images for one product.")
    TOO_MANY_IMAGES,
    @Description("The cart would have more lines than allowed.")
    TOO_MANY_LINES,
    @Description("Too many variants for one product.")
    TOO_MANY_VARIANTS,
    @Description("No category with this id.")
    UNKNOWN_CATEGORY,
    @Description("No location with this id.")
    UNKNOWN_LOCATION,
    @Description("A product in the input does not exist.")
    UNKNOWN_PRODUCT,
    @Description("No store with this id.")
    UNKNOWN_STORE,
    @Description("A loyalty tier that does not exist.")
    UNKNOWN_TIER,
    @Description("The time zone is not an IANA zone name (e.g. Europe/Berlin).")
    UNKNOWN_TIME_ZONE,
    @Description("No sellable product variant with this id.")
    UNKNOWN_VARIANT,
    @Description("A variant in the cart is no longer sold.")
    VARIANT_UNAVAILABLE,
    @Description("The password is too weak: 10 to 128 characters, of at least two kinds.")
    WEAK_PASSWORD,
    @Description("A webhook secret must be 24 to 200 characters (a random one).")
    WEAK_WEBHOOK_SECRET,
    @Description("The webhook URL is refused: not https (where plain http is not allowed), malformed, with credentials, or its host resolves to an internal address.")
    WEBHOOK_URL_REFUSED
}
