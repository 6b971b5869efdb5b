package com.omnichannel.gateway.integration;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.inventory.StockSyncInputs;

/** The input of posSaleRecord. */
public final class PosSaleInputs {

    private PosSaleInputs() {
    }

    @Input("PosSaleRecordInput")
    @Description("An over-the-counter sale at a store's POS, as the till recorded it (also one recorded offline and sent later).")
    public record Record(
            @NonNull @Id @Description("The store where the sale happened (Location.id).") String storeId,
            @NonNull @Description("The till's key for this sale (e.g. its receipt id): a replay with the same key and input "
                    + "answers with the same order; 8 to 128 visible ASCII characters.") String idempotencyKey,
            @NonNull @Description("What was sold, 1 to 100 lines.") List<@NonNull Line> lines,
            @Description("The customer, when they identified at the till (earns loyalty points); leave out for an "
                    + "anonymous sale.") Customer customer,
            @NonNull @Description("How it was paid; the amounts add up to the sale's total.") List<@NonNull Tender> tenders,
            @Description("Tax included in the prices, decimal (the receipt's tax total); 0 when left out.") String taxIncluded,
            @NonNull @Description("When the sale happened at the till; becomes the order's placedAt. Not in the future.")
            OffsetDateTime occurredAt) {
    }

    @Input("PosSaleLineInput")
    @Description("A line of a POS sale.")
    public record Line(
            @NonNull @Description("The variant sold, by id, SKU, barcode or external reference.") StockSyncInputs.VariantReference variant,
            @NonNull @Description("Units sold, 1 to 1,000.") Integer quantity,
            @Description("Price of one unit charged at the till, decimal, tax included; the variant's price when left out.")
            String unitPrice,
            @Description("Discount given on the line, decimal; 0 when left out. At most the line's amount.") String discount) {
    }

    @Input("PosCustomerInput")
    @Description("The customer identified at the till: exactly one of their id or the email address their account and "
            + "loyalty membership are registered under.")
    public record Customer(@Id @Description("Customer.id.") String id,
            @Description("The account's email address (as shown on their loyalty card or app).") String email) {
    }

    @Input("PosTenderInput")
    @Description("One payment of a POS sale.")
    public record Tender(@NonNull @Description("How.") PosTenderMethod method,
            @NonNull @Description("Amount kept, decimal (cash: net of change given).") String amount) {
    }
}
