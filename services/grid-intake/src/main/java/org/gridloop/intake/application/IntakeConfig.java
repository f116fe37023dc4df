package org.gridloop.intake.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import org.gridloop.platform.time.Limit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** grid-intake's settings, one typed mapping per group of {@code gridloop.*} properties. */
public final class IntakeConfig {

    private IntakeConfig() {
    }

    /**
     * The time limits of grid-intake's own stages: working days ({@code 1WD}), working hours ({@code 8WH}) on the
     * city's work calendar, or a wall-clock ISO-8601 duration (the tests' seconds). The routing table
     * (grid-routing.dmn) may state the acceptance and grid handling limits per category; these are the defaults
     * where it states none.
     */
    @ConfigMapping(prefix = "gridloop.limits")
    public interface Limits {
        /** 受理 by a person: how long a grid worker has to accept or reject a report the routing table holds back. */
        Limit acceptance();

        Limit gridHandling();

        Limit verification();

        Limit feedback();

        /** How long the grid has to decide what follows a department's PARTLY or CANNOT_FIX answer. */
        Limit callerDecision();

        /** 回访: how long the grid has to call back a resident who did not rate within {@link #feedback()}. */
        Limit returnVisit();

        /**
         * Whether the routing table's limits per category apply (the city's rules); the tests that shorten every
         * limit to seconds turn them off.
         */
        @WithDefault("true")
        boolean fromRoutingTable();
    }

    /** An open request of the same category this close and this recent is the same problem. */
    @ConfigMapping(prefix = "gridloop.duplicates")
    public interface Duplicates {
        double radiusMeters();

        Duration window();
    }

    /**
     * 照片: what an upload may be and what is kept of it. Larger photos are scaled down to {@code max-side} pixels on
     * the long side (evidence needs no more); an upload never attached to a request is deleted after
     * {@code keep-unattached}.
     */
    @ConfigMapping(prefix = "gridloop.photos")
    public interface Photos {
        /** The largest file accepted, in bytes (under the HTTP layer's own limit here, 9 MB). */
        @WithDefault("8388608")
        int maxBytes();

        /** The largest width × height accepted (a 48-megapixel phone photo passes). */
        @WithDefault("50000000")
        long maxPixels();

        @WithDefault("2048")
        int maxSide();

        @WithDefault("320")
        int thumbnailSide();

        @WithDefault("P1D")
        Duration keepUnattached();

        /** How many photos are decoded at once (each takes a core for a moment and some memory). */
        @WithDefault("2")
        int concurrent();

        /** Uploads not used yet may take this much storage; past it new uploads are refused (503) until used or pruned. */
        @WithDefault("1073741824")
        long unattachedQuotaBytes();
    }

    /** 返工: how often an unsatisfied resident can send a case back before it closes as unsatisfied. */
    @ConfigMapping(prefix = "gridloop.rework")
    public interface Rework {
        @WithDefault("2")
        int max();
    }

    /**
     * What public output (Open311's GETs) may show of a request: the city's privacy policy. Sensitive categories and
     * rejected requests never appear; free text is published masked ({@code masked}) or not at all ({@code hidden});
     * the coordinates of anonymous reports are rounded to {@code coarse-decimals} decimal places and their address
     * is left out; photos only where the reporter allowed it.
     */
    @ConfigMapping(prefix = "gridloop.publication")
    public interface Publication {
        /** Category codes never published (邻里纠纷 by default; the city adds its own). */
        @WithDefault("neighbour-dispute")
        List<String> sensitiveCategories();

        /** Residents' descriptions: {@code masked} (personal data replaced) or {@code hidden}. */
        @WithDefault("masked")
        TextRule descriptions();

        /** Staff notes and reasons shown in the status notes: {@code masked} or {@code hidden}. */
        @WithDefault("masked")
        TextRule notes();

        /** Decimal places kept of an anonymous report's coordinates (3 ≈ 100 m). */
        @WithDefault("3")
        int coarseDecimals();

        /** How long a public answer may be served from the cache (and by clients and proxies: Cache-Control). */
        @WithDefault("PT30S")
        Duration cacheFor();

        enum TextRule { MASKED, HIDDEN }
    }

    /** The city's grids: a GeoJSON file, or the sample city packaged with the service. */
    @ConfigMapping(prefix = "gridloop.grids")
    public interface Grids {
        Optional<Path> file();
    }
}
