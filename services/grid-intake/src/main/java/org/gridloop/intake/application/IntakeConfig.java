package org.gridloop.intake.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** grid-intake's settings, one typed mapping per group of {@code gridloop.*} properties. */
public final class IntakeConfig {

    private IntakeConfig() {
    }

    /** The time limits of grid-intake's own stages (ISO-8601 durations; the tests shorten them). */
    @ConfigMapping(prefix = "gridloop.limits")
    public interface Limits {
        Duration gridHandling();

        Duration verification();

        Duration feedback();
    }

    /** An open request of the same category this close and this recent is the same problem. */
    @ConfigMapping(prefix = "gridloop.duplicates")
    public interface Duplicates {
        double radiusMeters();

        Duration window();
    }

    /** 返工: how often an unsatisfied resident can send a case back before it closes as unsatisfied. */
    @ConfigMapping(prefix = "gridloop.rework")
    public interface Rework {
        @WithDefault("2")
        int max();
    }

    /** The city's grids: a GeoJSON file, or the sample city packaged with the service. */
    @ConfigMapping(prefix = "gridloop.grids")
    public interface Grids {
        Optional<Path> file();
    }
}
