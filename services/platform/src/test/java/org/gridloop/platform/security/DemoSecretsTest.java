package org.gridloop.platform.security;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which settings count as demo secrets: each demo value, also inside a list; never a real one. */
class DemoSecretsTest {

    private static java.util.List<String> findings(Map<String, String> settings) {
        return DemoSecrets.findings(name -> Optional.ofNullable(settings.get(name)));
    }

    @Test
    void everyDemoValueIsFound() {
        assertThat(findings(Map.of("gridloop.open311.api-keys", "real-key-1, demo-open311-key",
                "quarkus.datasource.password", "postgres", "mp.jwt.verify.issuer", "https://gridloop.local/issuer")))
                .containsExactly("gridloop.open311.api-keys", "mp.jwt.verify.issuer", "quarkus.datasource.password");
        assertThat(findings(Map.of("quarkus.datasource.password", "gridloop")))
                .containsExactly("quarkus.datasource.password");
    }

    @Test
    void ownValuesAndUnsetSettingsPass() {
        assertThat(findings(Map.of("gridloop.open311.api-keys", "k-7f3a9c,k-22b1",
                "quarkus.datasource.password", "s3cret-from-vault",
                "mp.jwt.verify.issuer", "https://auth.example.org/realms/gridloop"))).isEmpty();
        assertThat(findings(Map.of())).isEmpty();
    }
}
