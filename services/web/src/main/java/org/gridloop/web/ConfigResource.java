package org.gridloop.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** What the pages need to know before they start: the services' addresses, the login, the city's grids. */
@Path("/")
public class ConfigResource {

    /** The browser's view of the configuration. */
    public record ClientConfig(Services services, String timeZone, Oidc oidc, boolean demoLogin) {
        public record Services(String gridIntake, String reportIn, String escalation) {
        }

        public record Oidc(String url, String realm, String clientId) {
        }
    }

    private final WebConfig config;

    ConfigResource(WebConfig config) {
        this.config = config;
    }

    @GET
    @Path("config.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response config() {
        ClientConfig body = new ClientConfig(
                new ClientConfig.Services(trim(config.gridIntakeUrl()), trim(config.reportInUrl()),
                        trim(config.escalationUrl())),
                config.timeZone(),
                new ClientConfig.Oidc(trim(config.oidc().url()), config.oidc().realm(), config.oidc().clientId()),
                config.demoTokensFile().isPresent());
        return Response.ok(body).cacheControl(noStore()).build();
    }

    @GET
    @Path("grids.geojson")
    @Produces("application/geo+json")
    public Response grids() {
        try {
            if (config.gridsFile().isPresent()) {
                return Response.ok(Files.readString(java.nio.file.Path.of(config.gridsFile().get()),
                        StandardCharsets.UTF_8)).build();
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream("grids/demo-city.geojson")) {
                if (in == null) {
                    throw new NotFoundException("no grids");
                }
                return Response.ok(new String(in.readAllBytes(), StandardCharsets.UTF_8)).build();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static CacheControl noStore() {
        CacheControl cc = new CacheControl();
        cc.setNoStore(true);
        return cc;
    }
}
