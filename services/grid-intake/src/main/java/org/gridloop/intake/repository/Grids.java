package org.gridloop.intake.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridloop.intake.domain.GridDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Loads the city's grids: {@code gridloop.grids.file} if set, else the sample city packaged with the service. */
@ApplicationScoped
public class Grids {

    @ConfigProperty(name = "gridloop.grids.file")
    Optional<Path> file;

    @Produces
    @Singleton
    GridDirectory directory() {
        try (InputStream in = file.isPresent() ? Files.newInputStream(file.get())
                : Grids.class.getResourceAsStream("/grids/demo-city.geojson")) {
            if (in == null) {
                throw new IllegalStateException("no grids: set gridloop.grids.file");
            }
            return GridDirectory.fromGeoJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the grids", e);
        }
    }
}
