package org.gridloop.intake.domain;

/** Distances on the earth's surface, good to a metre at city scale. */
public final class Geo {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private Geo() {
    }

    /** Great-circle distance in metres (haversine). */
    public static double meters(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
    }

    public static double latitudeDegrees(double meters) {
        return Math.toDegrees(meters / EARTH_RADIUS_M);
    }

    public static double longitudeDegrees(double meters, double atLatitude) {
        return Math.toDegrees(meters / (EARTH_RADIUS_M * Math.cos(Math.toRadians(atLatitude))));
    }
}
