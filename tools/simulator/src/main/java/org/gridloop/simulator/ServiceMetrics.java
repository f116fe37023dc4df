package org.gridloop.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the services' own {@code /q/metrics} say (the series operators see on the dashboard), for the benchmark and
 * the soak run to report beside the simulator's figures.
 */
final class ServiceMetrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern BUCKET = Pattern.compile(
            "^gridloop_case_duration_seconds_bucket\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    private ServiceMetrics() {
    }

    /** A service's metrics, in the Prometheus text format. */
    static String scrape(String serviceUrl) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/q/metrics")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The whole loop's histogram (submitted to closed, all outcomes): cumulative counts by upper bound. */
    static NavigableMap<Double, Double> loopBuckets(String metrics) {
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        Matcher m = BUCKET.matcher(metrics);
        while (m.find()) {
            String labels = m.group(1);
            if (!labels.contains("stage=\"submitted-to-closed\"")) {
                continue;
            }
            Matcher le = LE.matcher(labels);
            if (le.find()) {
                double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                buckets.merge(bound, Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return buckets;
    }

    /**
     * The sum of the series {@code name} whose labels contain {@code label} (empty: all of them), or null when there
     * is none.
     */
    static Double sum(String metrics, String name, String label) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        Double total = null;
        while (m.find()) {
            if (label.isEmpty() || (m.group(1) != null && m.group(1).contains(label))) {
                total = (total == null ? 0 : total) + Double.parseDouble(m.group(2));
            }
        }
        return total;
    }
}
