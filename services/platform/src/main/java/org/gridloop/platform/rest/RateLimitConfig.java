package org.gridloop.platform.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/**
 * The rate limits ({@code gridloop.rate-limit.*}), each a token bucket per caller: by identity when signed in, by
 * address otherwise (a forwarded address counts only from the proxies in {@code quarkus.http.proxy.trusted-proxies}).
 * Three kinds: new submissions (the tightest), every other write, and the public reads.
 */
@ConfigMapping(prefix = "gridloop.rate-limit")
public interface RateLimitConfig {

    /** New submissions per address, for callers who are not signed in (anonymous reports, Open311 integrators). */
    @WithDefault("30")
    double perMinute();

    @WithDefault("10")
    long burst();

    /** New submissions per signed-in identity (a resident, a grid worker on patrol, a hotline operator's account). */
    SignedIn signedIn();

    /** "METHOD /path-prefix" entries of the new submissions: the ways new work comes in. */
    @WithDefault("POST /api/requests,POST /open311/")
    List<String> paths();

    /** Every other write (POST, PUT, PATCH, DELETE): claims, answers, ratings, decisions; per identity or address. */
    Bucket actions();

    /** Public reads: the searches anyone can run; per identity or address. */
    Reads reads();

    interface SignedIn {
        @WithDefault("60")
        double perMinute();

        @WithDefault("20")
        long burst();
    }

    interface Bucket {
        /**
         * A backstop against a runaway or stolen account, not a pace for people: one department account may be an
         * integration acting for the whole department (the benchmark's departments report in and answer at 10+/s
         * each; 600/min cut them off and the loop stopped closing, results/steps/9-write-limit-600-per-minute).
         */
        @WithDefault("6000")
        double perMinute();

        @WithDefault("1000")
        long burst();
    }

    interface Reads {
        @WithDefault("120")
        double perMinute();

        @WithDefault("60")
        long burst();

        /** "METHOD /path-prefix" entries of the public reads. */
        @WithDefault("GET /open311/")
        List<String> paths();
    }
}
