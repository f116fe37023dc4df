package org.gridloop.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pages' Content-Security-Policy, sent on every response of this app. Scripts, style sheets, images and fonts
 * come from this site only (no inline script, no inline style, no eval); the pages call this site, the three services
 * and Keycloak, and nothing else; nothing may frame them. Built once at start-up from {@link WebConfig}, because the
 * policy names the origins of the configured URLs, which a {@code quarkus.http.header} value cannot derive.
 *
 * <p>{@code X-Content-Type-Options} and {@code Referrer-Policy} are plain constants: {@code application.properties}.
 */
@Singleton
public class ContentSecurityPolicy {

    static final String HEADER = "Content-Security-Policy";

    /**
     * The style attributes bpmn-js 8 (case.html's diagram) writes as markup, which a policy without
     * {@code 'unsafe-inline'} blocks: its overlay root, the hidden svg it measures label text in, and the bpmn.io
     * watermark and the lightbox it opens (both required by the bpmn.io licence, and not changeable). Allowed by their
     * exact values (hashes, {@code style-src-attr} only), so no other style attribute and no {@code <style>} element
     * is. Leaflet and ECharts set styles through the CSSOM ({@code el.style.x = ...}), which a policy does not govern.
     * A new bpmn-js version that writes others shows up as a violation in WebPagesIT.
     */
    static final List<String> BPMN_JS_STYLE_ATTRIBUTES = List.of(
            "position: absolute; width: 0; height: 0;",
            "visibility: hidden; position: fixed",
            "position: absolute; bottom: 15px; right: 15px; z-index: 100; color: #404040",
            "vertical-align:middle",
            "z-index: 1001;position: fixed;top: 0;left: 0;right: 0;bottom: 0",
            "width: 100%;height: 100%;background: rgba(40,40,40,0.2)",
            "position: absolute;left: 50%;top: 40%;transform: translate(-50%);width: 260px;padding: 10px;"
                    + "background: white;box-shadow: 0 1px 4px rgba(0,0,0,0.3);font-family: Helvetica, Arial, sans-serif;"
                    + "font-size: 14px;display: flex;line-height: 1.3",
            "margin: 15px 20px 15px 10px; align-self: center;color: #404040");

    private final String policy;

    ContentSecurityPolicy(WebConfig config) {
        this.policy = policy(config);
    }

    /** Puts the header on every response, the static pages and their scripts included. */
    void register(@Observes Filters filters) {
        filters.register(rc -> {
            rc.response().putHeader(HEADER, policy);
            rc.next();
        }, 100);
    }

    static String policy(WebConfig config) {
        Set<String> connect = new LinkedHashSet<>();
        connect.add("'self'");
        // the three services (fetch with the bearer token) and Keycloak (keycloak-js posts the code to its token
        // endpoint; its login and logout are page navigations, which no directive here governs)
        for (String url : List.of(config.gridIntakeUrl(), config.reportInUrl(), config.escalationUrl(),
                config.oidc().url())) {
            origin(url).ifPresent(connect::add);
        }
        return String.join("; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "style-src-attr 'unsafe-hashes' " + BPMN_JS_STYLE_ATTRIBUTES.stream()
                        .map(ContentSecurityPolicy::hash).collect(Collectors.joining(" ")),
                // Leaflet's and bpmn-js's images are files of this site; the map draws GeoJSON, no tile server; the
                // case photos are fetched with the reader's credentials and shown from memory (blob:), never from
                // another origin
                "img-src 'self' blob:",
                "connect-src " + String.join(" ", connect),
                // keycloak-js runs with checkLoginIframe=false and no silent check-sso page: it opens no iframe
                "frame-src 'none'",
                "frame-ancestors 'none'",
                "base-uri 'none'",
                // every form is handled by its script; if one ever submits, it is to this site
                "form-action 'self'",
                "object-src 'none'");
    }

    /**
     * {@code https://city.example:8443} for {@code https://city.example:8443/grid-intake/}: a source with a path
     * would match only that path. Empty for a URL of this site ({@code /grid-intake}), which {@code 'self'} covers.
     */
    static Optional<String> origin(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getScheme() == null && uri.getHost() == null) {
            return Optional.empty();
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("not an http(s) URL or a path of this site: " + url);
        }
        return Optional.of(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
    }

    static String hash(String value) {
        try {
            return "'sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8))) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
