package org.gridloop.intake.domain;

/** A grid cell (网格) and the names of the units above it. */
public record Grid(String code, String name, String community, String street, String district, String streetName) {
}
