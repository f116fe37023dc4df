package org.gridloop.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Keycloak realms: the production one carries no demo secret (no users, no password grant, TLS required, no
 * localhost redirect), and both give the services what they check (roles as groups, the scope claims, the audience).
 */
class RealmFilesTest {

    static final Path KEYCLOAK = Path.of(System.getProperty("gridloop.root", "../..")).toAbsolutePath().normalize()
            .resolve("deploy/keycloak");
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode realm(String file) throws IOException {
        return JSON.readTree(KEYCLOAK.resolve(file).toFile());
    }

    static JsonNode web(JsonNode realm) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals("gridloop-web")) {
                return client;
            }
        }
        throw new AssertionError("no client gridloop-web");
    }

    static List<String> mappers(JsonNode realm) {
        List<String> mappers = new ArrayList<>();
        web(realm).path("protocolMappers").forEach(m -> mappers.add(m.path("protocolMapper").asText() + " "
                + m.path("config").path("claim.name").asText(m.path("config").path("included.custom.audience")
                .asText())));
        return mappers;
    }

    @Test
    void theProductionRealmHoldsNoDemoSecret() throws IOException {
        JsonNode realm = realm("gridloop-realm.json");
        assertThat(realm.path("users").size()).as("users").isZero();
        assertThat(realm.path("sslRequired").asText()).isIn("external", "all");
        JsonNode web = web(realm);
        assertThat(web.path("directAccessGrantsEnabled").asBoolean(true)).as("password grant").isFalse();
        assertThat(web.path("implicitFlowEnabled").asBoolean(true)).isFalse();
        assertThat(web.path("redirectUris").toString()).doesNotContain("localhost", "127.0.0.1", "http:");
        assertThat(realm.toString()).doesNotContain("-demo\"");
    }

    @Test
    void bothRealmsIssueTheClaimsTheServicesCheck() throws IOException {
        for (String file : List.of("gridloop-realm.json", "gridloop-demo-realm.json")) {
            assertThat(mappers(realm(file))).as(file).contains("oidc-audience-mapper " + JwtIssuer.AUDIENCE,
                    "oidc-usermodel-attribute-mapper grids", "oidc-usermodel-attribute-mapper department",
                    "oidc-usermodel-attribute-mapper unit");
            assertThat(web(realm(file)).path("defaultClientScopes").toString()).as(file)
                    .contains("microprofile-jwt"); // roles as "groups", the subject as "upn"
        }
        assertThat(mappers(realm("gridloop-realm.json"))).containsExactlyInAnyOrderElementsOf(
                mappers(realm("gridloop-demo-realm.json")));
    }
}
