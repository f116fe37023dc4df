package org.gridloop.escalation.domain;

/**
 * A coarse place: the cell of a grid of {@value #CELL_DEGREES}° in latitude and longitude a report's location falls in
 * (about 220 m north–south, 170 m east–west at Beijing's latitude), written {@code 19952:58203}. Reports of one kind
 * in one cell are "at one place" for the hotspots (未诉先办). Known limit: two reports a few metres apart on either
 * side of a cell edge fall in two cells and are counted apart.
 */
public final class PlaceKey {

    public static final double CELL_DEGREES = 0.002;

    private PlaceKey() {
    }

    /** The cell of a location; null outside the valid range of latitude and longitude. */
    public static String of(double latitude, double longitude) {
        if (!(latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180)) {
            return null;
        }
        return row(latitude) + ":" + column(longitude);
    }

    /** The centre of a cell: {latitude, longitude}. */
    public static double[] centre(String key) {
        String[] parts = key.split(":");
        return new double[]{(Long.parseLong(parts[0]) + 0.5) * CELL_DEGREES,
                (Long.parseLong(parts[1]) + 0.5) * CELL_DEGREES};
    }

    private static long row(double latitude) {
        return (long) Math.floor(latitude / CELL_DEGREES);
    }

    private static long column(double longitude) {
        return (long) Math.floor(longitude / CELL_DEGREES);
    }
}
