package org.gridloop.intake.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.gridloop.intake.domain.GridDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The city's grids, loaded once: {@code gridloop.grids.file} if set, else the sample city packaged with the service. */
@ApplicationScoped
public class GridDirectoryProducer {

    @Produces
    @Singleton
    GridDirectory directory(IntakeConfig.Grids config) {
        try (InputStream in = config.file().isPresent() ? Files.newInputStream(config.file().get())
                : GridDirectoryProducer.class.getResourceAsStream("/grids/demo-city.geojson")) {
            if (in == null) {
                throw new IllegalStateException("no grids: set gridloop.grids.file");
            }
            return GridDirectory.fromGeoJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the grids", e);
        }
    }
}
