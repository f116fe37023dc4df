package org.gridloop.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack's demo login: the tokens it wrote to {@code tokens.env} ({@code export TOKEN_ALICE=...}), one per
 * demo user. Only when {@code gridloop.web.demo-tokens-file} is set; otherwise this answers 404, always. The file is
 * read on each call, so it may be written after this app started.
 */
@Path("/demo/users")
public class DemoLoginResource {

    static final Pattern LINE = Pattern.compile("^\\s*(?:export\\s+)?TOKEN_([A-Z0-9_]+)=['\"]?([A-Za-z0-9._-]+)['\"]?\\s*$");

    /** A demo user: the username and the bearer token the page stores in sessionStorage. */
    public record DemoToken(String username, String token) {
    }

    private final WebConfig config;

    DemoLoginResource(WebConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response users() throws IOException {
        String file = config.demoTokensFile().filter(f -> !f.isBlank())
                .orElseThrow(() -> new NotFoundException("no demo login"));
        java.nio.file.Path path = java.nio.file.Path.of(file);
        if (!Files.isReadable(path)) {
            return Response.ok(List.of()).cacheControl(ConfigResource.noStore()).build();
        }
        return Response.ok(parse(Files.readAllLines(path, StandardCharsets.UTF_8)))
                .cacheControl(ConfigResource.noStore()).build();
    }

    static List<DemoToken> parse(List<String> lines) {
        List<DemoToken> tokens = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                tokens.add(new DemoToken(m.group(1).toLowerCase(Locale.ROOT), m.group(2)));
            }
        }
        return tokens;
    }
}
