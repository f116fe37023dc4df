package org.gridloop.web;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Content-Security-Policy on every response, naming the origins of the services and Keycloak as configured. */
@QuarkusTest
@TestProfile(ContentSecurityPolicyTest.CityUrls.class)
class ContentSecurityPolicyTest {

    /** A city's URLs: services behind one ingress, under paths; Keycloak on its own host. */
    public static class CityUrls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gridloop.web.grid-intake-url", "https://api.city.example/grid-intake/",
                    "gridloop.web.report-in-url", "https://api.city.example/report-in",
                    "gridloop.web.escalation-url", "https://escalation.city.example:8443",
                    "gridloop.web.oidc.url", "https://sso.city.example/auth");
        }
    }

    @Test
    void everyResponseCarriesThePolicyWithTheConfiguredOrigins() {
        for (String path : new String[] {"/resident.html", "/js/pages/resident.js", "/config.json", "/no-such-page"}) {
            String policy = given().get(path).then().extract().header(ContentSecurityPolicy.HEADER);
            assertThat(policy).as(path).isNotNull()
                    .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                            "object-src 'none'", "base-uri 'none'")
                    // the origins, once each, without paths
                    .contains("connect-src 'self' https://api.city.example https://escalation.city.example:8443"
                            + " https://sso.city.example;")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "/grid-intake", "/auth", "*");
        }
        given().get("/resident.html").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    @Test
    void anOriginIsSchemeHostAndPortAndAPathOfThisSiteNeedsNone() {
        assertThat(ContentSecurityPolicy.origin("HTTP://127.0.0.1:8081/")).contains("http://127.0.0.1:8081");
        assertThat(ContentSecurityPolicy.origin("/grid-intake")).isEmpty();
        assertThatThrownBy(() -> ContentSecurityPolicy.origin("javascript:alert(1)"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStyleAttributeIsAllowedByTheHashABrowserComputesForIt() {
        // what Chromium named when it blocked style="color:red" under style-src 'self'
        assertThat(ContentSecurityPolicy.hash("color:red")).isEqualTo("'sha256-8f935d27GvUutRyY9yWScUMiFUk4WTdZURISiYfPOeQ='");
    }

    @Test
    void noPageHasAnythingInlineThePolicyBlocks() throws Exception {
        Pattern inline = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>|\\sstyle\\s*=|\\son[a-z]+\\s*=|javascript:",
                Pattern.CASE_INSENSITIVE);
        Path pages = Path.of("src/main/resources/META-INF/resources");
        List<Path> html;
        try (Stream<Path> files = Files.walk(pages)) {
            html = files.filter(f -> f.toString().endsWith(".html")).toList();
        }
        assertThat(html).hasSizeGreaterThanOrEqualTo(7);
        for (Path page : html) {
            assertThat(inline.matcher(Files.readString(page)).results().map(MatchResult::group).toList())
                    .as(page.toString()).isEmpty();
        }
    }
}
