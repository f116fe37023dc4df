package org.gridloop.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.Optional;

/** Where the pages find the services and the login, in one place ({@code gridloop.web.*}). */
@ConfigMapping(prefix = "gridloop.web")
public interface WebConfig {

    @WithName("grid-intake-url")
    String gridIntakeUrl();

    @WithName("report-in-url")
    String reportInUrl();

    @WithName("escalation-url")
    String escalationUrl();

    @WithDefault("Asia/Shanghai")
    String timeZone();

    /** A city's own grids (GeoJSON); empty = the sample city's, packaged with the app. */
    Optional<String> gridsFile();

    /** The local stack's tokens.env; empty = no demo login (never in production). */
    Optional<String> demoTokensFile();

    Oidc oidc();

    interface Oidc {
        String url();

        String realm();

        String clientId();
    }
}
