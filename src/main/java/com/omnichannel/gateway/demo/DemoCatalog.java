package com.omnichannel.gateway.demo;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.omnichannel.gateway.catalog.Gtin;

/**
 * A deterministic demo catalog: the same seed always gives the same categories, products, variants, locations
 * and stock, so benchmark figures and demo screenshots are comparable between runs and machines.
 */
final class DemoCatalog {

    static final long SEED = 20261122L;
    static final int PRODUCTS = 1200;
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2026, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC);

    record CategoryRow(long id, Long parentId, String slug, String name, int position) {
    }

    record ProductRow(long id, String slug, String name, String description, String brand, long categoryId,
            OffsetDateTime createdAt) {
    }

    record VariantRow(long id, long productId, String sku, String barcode, String title, String optionsJson,
            long priceMinor, Long compareAtMinor, int position) {
    }

    record LocationRow(long id, String code, String name, String type, String line1, String city, String postalCode,
            String region, double latitude, double longitude, String phone, String openingHours, int priority) {
    }

    record StockRow(long variantId, long locationId, int onHand, Integer threshold) {
    }

    final List<CategoryRow> categories = new ArrayList<>();
    final List<ProductRow> products = new ArrayList<>();
    final List<VariantRow> variants = new ArrayList<>();
    final List<LocationRow> locations = new ArrayList<>();
    final List<StockRow> stock = new ArrayList<>();

    private static final String[][] TREE = {
            { "Women", "Dresses", "Tops", "Jeans", "Jackets", "Shoes" },
            { "Men", "Shirts", "T-Shirts", "Trousers", "Jackets", "Shoes" },
            { "Kids", "Baby", "Girls", "Boys", "School" },
            { "Sports", "Running", "Yoga", "Outdoor", "Swimwear" },
            { "Home", "Bedding", "Kitchen", "Bath", "Decor" },
            { "Accessories", "Bags", "Belts", "Hats", "Sunglasses" },
    };
    private static final String[] ADJECTIVES = { "Classic", "Essential", "Relaxed", "Slim", "Everyday", "Premium",
            "Vintage", "Organic", "Lightweight", "Cosy", "Urban", "Coastal", "Alpine", "Modern", "Soft", "Tailored" };
    private static final String[] MATERIALS = { "Cotton", "Linen", "Wool", "Denim", "Merino", "Recycled", "Bamboo",
            "Cashmere", "Canvas", "Leather", "Jersey", "Fleece" };
    private static final String[] BRANDS = { "Northwind", "Fjord & Co", "Atelier Nord", "Kestrel", "Lumen",
            "Harbour Lane", "Stonebridge", "Vela", "Juniper", "Oak & Ivy" };
    private static final String[] COLOURS = { "Black", "White", "Navy", "Grey", "Olive", "Sand", "Red", "Blue",
            "Green", "Burgundy" };
    private static final String[] APPAREL_SIZES = { "XS", "S", "M", "L", "XL" };
    private static final String[] SHOE_SIZES = { "38", "39", "40", "41", "42", "43", "44" };
    private static final String[] HOME_SIZES = { "Small", "Medium", "Large" };
    private static final String[] PHRASES = { "Made to last and easy to care for.",
            "A wardrobe staple for every season.", "Breathable and comfortable all day long.",
            "Designed in Scandinavia, made responsibly.", "Pairs well with everything you already own.",
            "Water-repellent finish for changeable weather.", "Soft to the touch with a clean, modern look.",
            "Certified organic fibres and low-impact dyes.", "Generous fit with reinforced seams.",
            "Perfect for travel: light, packable and crease-resistant." };

    private static final Object[][] LOCATIONS = {
            // code, name, type, street, city, postal code, region, lat, lng, priority
            { "BER-01", "Berlin Mitte", "STORE", "Rosenthaler Str. 40", "Berlin", "10178", "BE", 52.5246, 13.4019, 100 },
            { "HAM-01", "Hamburg Jungfernstieg", "STORE", "Jungfernstieg 12", "Hamburg", "20354", "HH", 53.5531, 9.9925, 100 },
            { "MUC-01", "München Marienplatz", "STORE", "Kaufingerstr. 9", "München", "80331", "BY", 48.1371, 11.5754, 100 },
            { "CGN-01", "Köln Schildergasse", "STORE", "Schildergasse 70", "Köln", "50667", "NW", 50.9364, 6.9528, 100 },
            { "FRA-01", "Frankfurt Zeil", "STORE", "Zeil 106", "Frankfurt am Main", "60313", "HE", 50.1145, 8.6843, 100 },
            { "STR-01", "Stuttgart Königstraße", "STORE", "Königstr. 27", "Stuttgart", "70173", "BW", 48.7784, 9.1800, 100 },
            { "DUS-01", "Düsseldorf Königsallee", "STORE", "Königsallee 60", "Düsseldorf", "40212", "NW", 51.2254, 6.7795, 100 },
            { "LEJ-01", "Leipzig Petersstraße", "STORE", "Petersstr. 15", "Leipzig", "04109", "SN", 51.3387, 12.3747, 100 },
            { "WH-KS", "Warehouse Kassel", "WAREHOUSE", "Lossewerk 5", "Kassel", "34123", "HE", 51.2967, 9.5329, 1 },
            { "WH-EF", "Warehouse Erfurt", "WAREHOUSE", "Logistikzentrum 2", "Erfurt", "99095", "TH", 51.0260, 11.0800, 2 },
    };

    DemoCatalog() {
        Random random = new Random(SEED);
        generateCategories();
        generateLocations();
        generateProducts(random);
        generateStock(random);
    }

    private void generateCategories() {
        long id = 1;
        for (int r = 0; r < TREE.length; r++) {
            long rootId = id++;
            String root = TREE[r][0];
            categories.add(new CategoryRow(rootId, null, slug(root), root, r));
            for (int c = 1; c < TREE[r].length; c++) {
                String name = TREE[r][c];
                categories.add(new CategoryRow(id++, rootId, slug(root + "-" + name), name, c));
            }
        }
    }

    private void generateLocations() {
        long id = 1;
        for (Object[] l : LOCATIONS) {
            boolean store = "STORE".equals(l[2]);
            locations.add(new LocationRow(id++, (String) l[0], (String) l[1], (String) l[2], (String) l[3], (String) l[4],
                    (String) l[5], (String) l[6], (Double) l[7], (Double) l[8], "+49 30 " + (5550100 + id),
                    store ? "Mon-Sat 10:00-20:00" : null, (Integer) l[9]));
        }
    }

    private void generateProducts(Random random) {
        List<CategoryRow> leaves = categories.stream().filter(c -> c.parentId() != null).toList();
        long variantId = 1;
        long barcodeCounter = 100_000;
        for (int i = 1; i <= PRODUCTS; i++) {
            CategoryRow category = leaves.get(random.nextInt(leaves.size()));
            String root = categories.get((int) (category.parentId() - 1)).name();
            String noun = nounFor(root, category.name());
            String name = pick(random, ADJECTIVES) + " " + pick(random, MATERIALS) + " " + noun;
            String brand = pick(random, BRANDS);
            String description = name + " by " + brand + ". " + pick(random, PHRASES) + " " + pick(random, PHRASES);
            String productSlug = slug(name) + "-" + i;
            products.add(new ProductRow(i, productSlug, name, description, brand, category.id(),
                    EPOCH.plusHours(i * 7L)));

            String[] sizes = "Home".equals(root) ? HOME_SIZES : category.name().equals("Shoes") ? SHOE_SIZES : APPAREL_SIZES;
            int sizeCount = 2 + random.nextInt(Math.min(3, sizes.length - 1));
            int sizeStart = random.nextInt(sizes.length - sizeCount + 1);
            int colourCount = random.nextInt(4) == 0 ? 2 : 1;
            int colourStart = random.nextInt(COLOURS.length - 1);
            long basePrice = (5 + random.nextInt(30)) * 500L - 1; // 24.99 .. 169.99
            Long compareAt = random.nextInt(5) == 0 ? Math.round(basePrice * 1.25 / 100.0) * 100 - 1 : null;
            int position = 0;
            for (int c = 0; c < colourCount; c++) {
                String colour = COLOURS[colourStart + c];
                for (int s = 0; s < sizeCount; s++) {
                    String size = sizes[sizeStart + s];
                    long price = (s == sizeCount - 1 && random.nextInt(4) == 0) ? basePrice + 500 : basePrice;
                    String sku = String.format(Locale.ROOT, "%s-%05d-%s-%s", code(root), i,
                            colour.substring(0, 3).toUpperCase(Locale.ROOT), size.toUpperCase(Locale.ROOT));
                    String body = "400" + String.format(Locale.ROOT, "%09d", barcodeCounter++);
                    String barcode = body + Gtin.checkDigit(body);
                    String options = "[{\"name\":\"Colour\",\"value\":\"" + colour + "\"},{\"name\":\"Size\",\"value\":\""
                            + size + "\"}]";
                    variants.add(new VariantRow(variantId++, i, sku, barcode, colour + " / " + size, options, price,
                            compareAt != null && compareAt > price ? compareAt : null, position++));
                }
            }
        }
    }

    private void generateStock(Random random) {
        for (VariantRow variant : variants) {
            for (LocationRow location : locations) {
                boolean warehouse = "WAREHOUSE".equals(location.type());
                int roll = random.nextInt(100);
                int onHand;
                if (roll < 12) {
                    onHand = 0;
                } else if (roll < 27) {
                    onHand = 1 + random.nextInt(3); // low
                } else {
                    onHand = warehouse ? 20 + random.nextInt(200) : 4 + random.nextInt(25);
                }
                Integer threshold = warehouse ? 10 : null;
                stock.add(new StockRow(variant.id(), location.id(), onHand, threshold));
            }
        }
    }

    private static String nounFor(String root, String category) {
        return switch (category) {
            case "T-Shirts" -> "T-Shirt";
            case "Tops" -> "Top";
            case "Dresses" -> "Dress";
            case "Shirts" -> "Shirt";
            case "Jeans" -> "Jeans";
            case "Trousers" -> "Chinos";
            case "Jackets" -> "Jacket";
            case "Shoes" -> "Sneakers";
            case "Baby" -> "Baby Bodysuit";
            case "Girls" -> "Girls' Hoodie";
            case "Boys" -> "Boys' Sweatshirt";
            case "School" -> "School Backpack";
            case "Running" -> "Running Tee";
            case "Yoga" -> "Yoga Leggings";
            case "Outdoor" -> "Hiking Shell";
            case "Swimwear" -> "Swim Shorts";
            case "Bedding" -> "Duvet Cover";
            case "Kitchen" -> "Apron";
            case "Bath" -> "Bath Towel";
            case "Decor" -> "Cushion Cover";
            case "Bags" -> "Tote Bag";
            case "Belts" -> "Belt";
            case "Hats" -> "Beanie";
            case "Sunglasses" -> "Sunglasses";
            default -> root;
        };
    }

    private static String code(String root) {
        return root.substring(0, 3).toUpperCase(Locale.ROOT);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replace("&", "and").replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
