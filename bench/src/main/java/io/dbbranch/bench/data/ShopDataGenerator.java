package io.dbbranch.bench.data;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates a production-shaped shop (customers, products, orders, order items, events) deterministically:
 * each table draws from its own {@link SplittableRandom} seeded from the one seed, so the same size and seed
 * always give the same bytes. Realistic types on purpose: uuid, varchar, char, numeric, timestamptz, boolean,
 * an enum, jsonb and inet, with unique and foreign keys to check while loading.
 */
public final class ShopDataGenerator {
    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken",
            "Frances", "Edsger", "Radia", "Donald", "Sophie", "Tim", "Katherine", "John", "Hedy", "Guido", "Anita", "Bjarne"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov",
            "Thompson", "Allen", "Dijkstra", "Perlman", "Knuth", "Wilson", "Berners-Lee", "Johnson", "McCarthy", "Lamarr",
            "van Rossum", "Borg", "Stroustrup"};
    private static final String[] COUNTRIES = {"DE", "FR", "GB", "US", "NL", "SE", "ES", "IT", "PL", "CA", "JP", "BR"};
    private static final String[] TIERS = {"standard", "standard", "standard", "standard", "silver", "silver", "gold", "platinum"};
    private static final String[] DOMAINS = {"example.com", "example.org", "mail.test", "corp.example"};
    private static final String[] CATEGORIES = {"books", "garden", "kitchen", "toys", "tools", "sports", "music", "office"};
    private static final String[] WORDS = {"compact", "durable", "classic", "premium", "wireless", "organic", "steel",
            "wooden", "portable", "smart", "quiet", "family", "travel", "outdoor", "modular", "vintage", "ergonomic", "solar"};
    private static final String[] NOUNS = {"lamp", "kettle", "chair", "backpack", "speaker", "notebook", "drill",
            "planter", "puzzle", "racket", "mixer", "desk", "blender", "tent", "guitar", "clock"};
    private static final String[] COLOURS = {"red", "green", "blue", "black", "white", "grey", "yellow", "teal"};
    private static final String[] STATUSES = {"delivered", "delivered", "delivered", "shipped", "paid", "pending",
            "cancelled", "refunded"};
    private static final String[] STREETS = {"Main Street", "High Street", "Station Road", "Church Lane", "Park Avenue",
            "Mill Road", "Elm Street", "Harbour Way"};
    private static final String[] CITIES = {"Berlin", "Paris", "London", "Boston", "Utrecht", "Uppsala", "Madrid",
            "Turin", "Krakow", "Toronto", "Osaka", "Recife"};
    private static final String[] EVENT_KINDS = {"page_view", "page_view", "page_view", "search", "add_to_cart",
            "checkout", "login", "logout"};
    private static final String[] REFERRERS = {"direct", "search", "newsletter", "partner", "social"};
    private static final long EPOCH = LocalDateTime.of(2020, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long FIVE_YEARS = 5L * 365 * 24 * 3600;

    private final DataSize size;
    private final long seed;

    public ShopDataGenerator(DataSize size, long seed) {
        this.size = size;
        this.seed = seed;
    }

    public ShopData generate() {
        int customers = size.customers();
        int products = size.products();
        TableData customerRows = customers(customers, random(1));
        TableData productRows = products(products, random(2));
        TableData orderRows = orders(customers, random(3));
        TableData itemRows = orderItems(orderRows.rows(), products, random(4));
        TableData eventRows = events(customers, random(5));
        return new ShopData(size, seed, List.of(customerRows, productRows, orderRows, itemRows, eventRows));
    }

    private SplittableRandom random(int table) {
        return new SplittableRandom(seed * 31 + table);
    }

    private static TableData customers(int count, SplittableRandom random) {
        CsvBuffer csv = new CsvBuffer();
        for (long id = 1; id <= count; id++) {
            String first = pick(random, FIRST);
            String last = pick(random, LAST);
            csv.field(id)
                    .plain(new UUID(random.nextLong(), random.nextLong()).toString())
                    .plain((first + "." + last).toLowerCase().replace(' ', '-') + "." + id + "@" + pick(random, DOMAINS))
                    .plain(first + " " + last)
                    .plain(pick(random, COUNTRIES))
                    .plain(timestamp(random))
                    .plain(random.nextInt(10) < 9 ? "t" : "f")
                    .cents(random.nextLong(1_000_000))
                    .plain(pick(random, TIERS));
            csv.endRow();
        }
        return csv.finish("customers", List.of("id", "public_id", "email", "full_name", "country", "created_at",
                "is_active", "credit_limit", "tier"));
    }

    private static TableData products(int count, SplittableRandom random) {
        CsvBuffer csv = new CsvBuffer();
        StringBuilder description = new StringBuilder();
        for (int id = 1; id <= count; id++) {
            description.setLength(0);
            int words = 20 + random.nextInt(30);
            for (int w = 0; w < words; w++) {
                description.append(w == 0 ? "" : " ").append(pick(random, w % 2 == 0 ? WORDS : NOUNS));
            }
            String attributes = "{\"colour\": \"" + pick(random, COLOURS) + "\", \"weight_g\": " + (50 + random.nextInt(5000))
                    + ", \"in_stock\": " + (random.nextInt(5) > 0) + "}";
            csv.field(id)
                    .plain(String.format("SKU-%08d", id))
                    .plain(capitalise(pick(random, WORDS)) + " " + pick(random, NOUNS))
                    .plain(description.toString())
                    .plain(pick(random, CATEGORIES))
                    .cents(99 + random.nextLong(50_000))
                    .quoted(attributes)
                    .plain(timestamp(random));
            csv.endRow();
        }
        return csv.finish("products", List.of("id", "sku", "name", "description", "category", "price", "attributes", "created_at"));
    }

    /** Between 0 and 8 orders per customer (4 on average). */
    private static TableData orders(int customers, SplittableRandom random) {
        CsvBuffer csv = new CsvBuffer();
        long id = 0;
        for (long customer = 1; customer <= customers; customer++) {
            int orders = random.nextInt(9);
            for (int o = 0; o < orders; o++) {
                csv.field(++id)
                        .field(customer)
                        .plain(pick(random, STATUSES))
                        .plain(timestamp(random))
                        .quoted((1 + random.nextInt(400)) + " " + pick(random, STREETS) + ", " + (10000 + random.nextInt(89999))
                                + " " + pick(random, CITIES))
                        .cents(500 + random.nextLong(100_000));
                csv.endRow();
            }
        }
        return csv.finish("orders", List.of("id", "customer_id", "status", "ordered_at", "shipping_address", "total"));
    }

    /** Between 1 and 5 items per order (3 on average). */
    private static TableData orderItems(long orders, int products, SplittableRandom random) {
        CsvBuffer csv = new CsvBuffer();
        long id = 0;
        for (long order = 1; order <= orders; order++) {
            int items = 1 + random.nextInt(5);
            for (int i = 0; i < items; i++) {
                csv.field(++id)
                        .field(order)
                        .field(1 + random.nextInt(products))
                        .field(1 + random.nextInt(4))
                        .cents(99 + random.nextLong(50_000));
                csv.endRow();
            }
        }
        return csv.finish("order_items", List.of("id", "order_id", "product_id", "quantity", "unit_price"));
    }

    /** Between 0 and 12 events per customer (6 on average), a tenth of them without a client address. */
    private static TableData events(int customers, SplittableRandom random) {
        CsvBuffer csv = new CsvBuffer();
        long id = 0;
        for (long customer = 1; customer <= customers; customer++) {
            int events = random.nextInt(13);
            for (int e = 0; e < events; e++) {
                String kind = pick(random, EVENT_KINDS);
                String payload = "{\"path\": \"/" + pick(random, CATEGORIES) + "/" + random.nextInt(10_000)
                        + "\", \"referrer\": \"" + pick(random, REFERRERS) + "\", \"duration_ms\": " + random.nextInt(30_000)
                        + ", \"session\": \"" + Long.toHexString(random.nextLong()) + "\"}";
                csv.field(++id).field(customer).plain(kind).plain(timestamp(random));
                if (random.nextInt(10) == 0) {
                    csv.nullField();
                } else {
                    csv.plain("10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
                }
                csv.quoted(payload);
                csv.endRow();
            }
        }
        return csv.finish("events", List.of("id", "customer_id", "kind", "occurred_at", "client_ip", "payload"));
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String timestamp(SplittableRandom random) {
        return LocalDateTime.ofEpochSecond(EPOCH + random.nextLong(FIVE_YEARS), 0, ZoneOffset.UTC) + "+00";
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
