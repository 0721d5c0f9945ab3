package io.dirsync.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite's command line: {@code [--sizes 10k,100k,100k-big,1m,USERS/GROUPS] [--runs N] [--heap SIZE]
 * [--reads-only]}.
 *
 * @param runs       how often ldapsearch and {@code dirsync test} run per size (the table shows medians)
 * @param cappedHeap the {@code -Xmx} of the second {@code test} and of every sync, e.g. {@code 1g}
 * @param readsOnly  ldapsearch and {@code test} only, no syncs: a million users' first sync into the sandbox takes
 *                   twenty minutes, its reads a few
 */
record SuiteOptions(List<Size> sizes, int runs, String cappedHeap, boolean readsOnly) {

    static final String USAGE = "usage: src/bench/benchmark.sh [--sizes 10k,100k,100k-big,1m,USERS/GROUPS]"
            + " [--runs N] [--heap SIZE] [--reads-only] [--no-build]";

    /** One generated directory: users, groups (a tenth of them nested), and some large groups. */
    record Size(String name, int users, int groups, int largeGroups, int largeGroupSize) {

        private static final Pattern CUSTOM = Pattern.compile("(\\d{1,7})/(\\d{1,7})");

        static Size parse(String text) {
            return switch (text) {
                case "10k" -> new Size(text, 10_000, 500, 0, 0);
                case "100k" -> new Size(text, 100_000, 5_000, 0, 0);
                case "100k-big" -> new Size(text, 100_000, 5_000, 3, 12_000);
                case "1m" -> new Size(text, 1_000_000, 50_000, 0, 0);
                default -> {
                    Matcher custom = CUSTOM.matcher(text);
                    if (!custom.matches() || Integer.parseInt(custom.group(1)) < 100
                            || Integer.parseInt(custom.group(2)) < 1
                            || Integer.parseInt(custom.group(2)) > Integer.parseInt(custom.group(1))) {
                        throw new IllegalArgumentException("--sizes: '" + text + "' is not a size; give 10k, 100k,"
                                + " 100k-big, 1m, or USERS/GROUPS with at least 100 users and 1 to USERS groups");
                    }
                    yield new Size(text, Integer.parseInt(custom.group(1)), Integer.parseInt(custom.group(2)), 0, 0);
                }
            };
        }

        String describe() {
            String shape = String.format("%,d users / %,d groups (a tenth nested)", users, groups);
            return largeGroups == 0 ? shape : shape + String.format(", %d of them with %,d+ members", largeGroups,
                    largeGroupSize);
        }
    }

    static final List<String> DEFAULT_SIZES = List.of("10k", "100k", "100k-big");

    static SuiteOptions parse(String... args) {
        List<Size> sizes = DEFAULT_SIZES.stream().map(Size::parse).toList();
        int runs = 3;
        String heap = "1g";
        boolean readsOnly = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--reads-only")) {
                readsOnly = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--sizes" -> {
                    List<Size> named = new ArrayList<>();
                    for (String size : value.split(",")) {
                        named.add(Size.parse(size.strip()));
                    }
                    sizes = List.copyOf(named);
                }
                case "--runs" -> {
                    if (!value.matches("[1-9]\\d{0,2}")) {
                        throw new IllegalArgumentException("--runs: '" + value + "' is not a count from 1 to 999");
                    }
                    runs = Integer.parseInt(value);
                }
                case "--heap" -> {
                    if (!value.matches("\\d+[kKmMgG]")) {
                        throw new IllegalArgumentException("--heap: '" + value + "' is not a heap size such as 1g or 768m");
                    }
                    heap = value;
                }
                default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
            }
        }
        return new SuiteOptions(sizes, runs, heap, readsOnly);
    }
}
