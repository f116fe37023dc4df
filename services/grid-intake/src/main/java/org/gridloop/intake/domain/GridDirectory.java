package org.gridloop.intake.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridloop.contracts.UnitCodes;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.index.strtree.STRtree;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a location to its grid cell: the grids are GeoJSON polygons (WGS 84, longitude first), looked up
 * point-in-polygon with JTS through an STR-tree. A point on a shared border belongs to the first grid listed.
 */
public final class GridDirectory {

    private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

    private final STRtree index = new STRtree();
    private final Map<String, Grid> grids = new LinkedHashMap<>();
    private final Map<String, Geometry> shapes = new LinkedHashMap<>();

    private GridDirectory() {
    }

    public static GridDirectory fromGeoJson(InputStream geoJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(geoJson);
        GridDirectory directory = new GridDirectory();
        for (JsonNode feature : root.path("features")) {
            JsonNode p = feature.path("properties");
            String code = p.path("code").asText();
            if (!UnitCodes.isGridCode(code)) {
                throw new IOException("grid code must have 15 digits: '" + code + "'");
            }
            Grid grid = new Grid(code, p.path("name").asText(code), code.substring(0, 12), code.substring(0, 9),
                    code.substring(0, 6), p.path("streetName").asText(null));
            Geometry shape = geometry(feature.path("geometry"));
            directory.grids.put(code, grid);
            directory.shapes.put(code, shape);
            directory.index.insert(shape.getEnvelopeInternal(), code);
        }
        directory.index.build();
        return directory;
    }

    private static Geometry geometry(JsonNode geometry) throws IOException {
        String type = geometry.path("type").asText();
        List<Polygon> polygons = new ArrayList<>();
        if ("Polygon".equals(type)) {
            polygons.add(polygon(geometry.path("coordinates")));
        } else if ("MultiPolygon".equals(type)) {
            for (JsonNode p : geometry.path("coordinates")) {
                polygons.add(polygon(p));
            }
        } else {
            throw new IOException("grid geometry must be a Polygon or MultiPolygon, not " + type);
        }
        return polygons.size() == 1 ? polygons.get(0)
                : GEOMETRY.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    private static Polygon polygon(JsonNode rings) {
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[Math.max(0, rings.size() - 1)];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return GEOMETRY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode points) {
        Coordinate[] coordinates = new Coordinate[points.size()];
        for (int i = 0; i < points.size(); i++) {
            coordinates[i] = new Coordinate(points.get(i).get(0).asDouble(), points.get(i).get(1).asDouble());
        }
        return GEOMETRY.createLinearRing(coordinates);
    }

    /** The grid containing the point, if any. */
    @SuppressWarnings("unchecked")
    public Optional<Grid> locate(double latitude, double longitude) {
        Point point = GEOMETRY.createPoint(new Coordinate(longitude, latitude));
        List<String> candidates = index.query(point.getEnvelopeInternal());
        return grids.keySet().stream()
                .filter(candidates::contains)
                .filter(code -> shapes.get(code).covers(point))
                .findFirst()
                .map(grids::get);
    }

    public Optional<Grid> byCode(String code) {
        return Optional.ofNullable(grids.get(code));
    }

    public Collection<Grid> all() {
        return grids.values();
    }
}
