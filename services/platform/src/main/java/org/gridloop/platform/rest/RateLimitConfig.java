package org.gridloop.platform.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** The rate limits of new submissions ({@code gridloop.rate-limit.*}). */
@ConfigMapping(prefix = "gridloop.rate-limit")
public interface RateLimitConfig {

    /** Per address, for callers who are not signed in (anonymous reports, Open311 integrators by their address). */
    @WithDefault("30")
    double perMinute();

    @WithDefault("10")
    long burst();

    SignedIn signedIn();

    /** "METHOD /path-prefix" entries the limits apply to: the ways new work comes in. */
    @WithDefault("POST /api/requests,POST /open311/")
    List<String> paths();

    /** Per signed-in identity (a resident, a grid worker on patrol, a hotline operator's account). */
    interface SignedIn {
        @WithDefault("60")
        double perMinute();

        @WithDefault("20")
        long burst();
    }
}
