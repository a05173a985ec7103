package dev.kairos.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code kairos.*} meters the services' and the platform's main code registers, read from the sources: each
 * registration ({@code Counter.builder("kairos...")}, {@code meters.counter("kairos...", ...)}, a
 * {@code static final String} constant given to one of them...) with its kind, its base unit and whether the
 * code publishes its histogram, and the names Micrometer's Prometheus registry exports it under: dots and dashes
 * become underscores, the base unit is appended, then {@code _total} for a counter, {@code _seconds} for a timer
 * or time gauge, and {@code _count}, {@code _sum}, {@code _max} (with {@code _bucket} where the histogram is
 * published) for a timer or distribution summary.
 */
final class MeterCatalogue {

    enum Kind { COUNTER, GAUGE, TIME_GAUGE, TIMER, SUMMARY }

    /**
     * @param services         the services that register it (all three for the platform's meters)
     * @param histogramInCode  its builder calls {@code publishPercentileHistogram}
     */
    record Meter(String name, Kind kind, String baseUnit, Set<String> services, boolean histogramInCode) {

        /** The names Prometheus scrapes; {@code _bucket} ones only when {@code buckets}. */
        Set<String> exported(boolean buckets) {
            String base = prometheus(name);
            String unit = baseUnit == null || base.endsWith("_" + baseUnit) ? "" : "_" + baseUnit;
            Set<String> names = new TreeSet<>();
            switch (kind) {
                case COUNTER -> names.add(base + unit + "_total");
                case GAUGE -> names.add(base + unit);
                case TIME_GAUGE -> names.add(base + "_seconds");
                case TIMER, SUMMARY -> {
                    String stem = kind == Kind.TIMER ? base + "_seconds" : base + unit;
                    for (String suffix : buckets ? List.of("_count", "_sum", "_max", "_bucket") : List.of("_count", "_sum", "_max")) {
                        names.add(stem + suffix);
                    }
                }
            }
            return names;
        }
    }

    private static final List<String> SOURCES = List.of("platform/src/main/java", "services/preferences/src/main/java",
            "services/dispatch/src/main/java", "services/compliance/src/main/java");
    private static final Map<String, Kind> KINDS = Map.of("Counter", Kind.COUNTER, "FunctionCounter", Kind.COUNTER,
            "counter", Kind.COUNTER, "Gauge", Kind.GAUGE, "gauge", Kind.GAUGE, "TimeGauge", Kind.TIME_GAUGE,
            "Timer", Kind.TIMER, "timer", Kind.TIMER, "DistributionSummary", Kind.SUMMARY, "summary", Kind.SUMMARY);
    private static final Pattern REGISTRATION = Pattern.compile("(?:\\b(Counter|FunctionCounter|Gauge|TimeGauge|Timer"
            + "|DistributionSummary)\\.builder|\\.(counter|gauge|timer|summary))\\(\\s*(?:\"(kairos\\.[a-z0-9.-]+)\"|([A-Z][A-Z0-9_]*)\\b)");
    private static final Pattern CONSTANT = Pattern.compile("static\\s+final\\s+String\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"(kairos\\.[a-z0-9.-]+)\"");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\\s*\"([a-z]+)\"");

    private final Map<String, Meter> meters;

    private MeterCatalogue(Map<String, Meter> meters) {
        this.meters = meters;
    }

    static MeterCatalogue of(DeploymentTree tree) {
        Map<String, Meter> meters = new TreeMap<>();
        for (String source : SOURCES) {
            Set<String> services = source.startsWith("platform") ? Set.copyOf(DeploymentTree.SERVICES)
                    : Set.of(source.split("/")[1]);
            try (Stream<Path> files = Files.walk(tree.path(source))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(file -> read(read(file), services, meters));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new MeterCatalogue(meters);
    }

    private static void read(String code, Set<String> services, Map<String, Meter> meters) {
        Map<String, String> constants = new HashMap<>();
        Matcher constant = CONSTANT.matcher(code);
        while (constant.find()) {
            constants.put(constant.group(1), constant.group(2));
        }
        Matcher registration = REGISTRATION.matcher(code);
        while (registration.find()) {
            String name = registration.group(3) != null ? registration.group(3) : constants.get(registration.group(4));
            if (name == null) {
                continue;
            }
            int end = code.indexOf(';', registration.end());
            String statement = code.substring(registration.start(), end < 0 ? code.length() : end);
            Matcher unit = BASE_UNIT.matcher(statement);
            Kind kind = KINDS.get(registration.group(1) != null ? registration.group(1) : registration.group(2));
            Meter found = new Meter(name, kind, unit.find() ? unit.group(1) : null, services,
                    statement.contains(".publishPercentileHistogram("));
            meters.merge(name, found, (a, b) -> {
                Set<String> both = new TreeSet<>(a.services());
                both.addAll(b.services());
                return new Meter(a.name(), a.kind(), a.baseUnit() != null ? a.baseUnit() : b.baseUnit(), both,
                        a.histogramInCode() || b.histogramInCode());
            });
        }
    }

    Map<String, Meter> meters() {
        return meters;
    }

    /** The meter a Prometheus name comes from, histogram buckets assumed published; null when none. */
    Meter exporting(String prometheusName) {
        return meters.values().stream().filter(m -> m.exported(true).contains(prometheusName)).findFirst().orElse(null);
    }

    /** The meters whose name, in Prometheus form ({@code .}, {@code -}, {@code _} alike), begins that name. */
    Map<String, Meter> named(String prometheusName) {
        Map<String, Meter> like = new LinkedHashMap<>();
        meters.forEach((name, meter) -> {
            if (prometheusName.startsWith(prometheus(name) + "_") || prometheusName.equals(prometheus(name))) {
                like.put(name, meter);
            }
        });
        return like;
    }

    /** A meter or setting name in Prometheus form: {@code .} and {@code -} as {@code _}, lower case. */
    static String prometheus(String name) {
        return name.replace('.', '_').replace('-', '_').toLowerCase(java.util.Locale.ROOT);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
