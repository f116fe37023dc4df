package org.gridloop.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The packaged service, started as production starts it (no demo flag) but with the local stack's demo key, database
 * password and issuer, refuses to start and names what to set: nothing runs with a secret everyone knows.
 */
class DemoSecretsIT {

    @Test
    void aServiceRefusesToStartWithTheDemoSecretsOutsideADemo() throws Exception {
        Path root = Path.of(System.getProperty("gridloop.root", "../..")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory("gridloop-demo-secrets");
        assertThatThrownBy(() -> LocalStack.start(LocalStack.Options.at(root, home).withServices("grid-intake")
                .withServiceEnv(Map.of("GRIDLOOP_DEMO_ENABLED", "false"))).close())
                .hasMessageContaining("grid-intake exited");
        String log = Files.readString(home.resolve("logs").resolve("grid-intake.log"));
        assertThat(log).contains("refusing to start with demo secrets outside a demo")
                .contains("gridloop.open311.api-keys").contains("quarkus.datasource.password")
                .contains("mp.jwt.verify.issuer");
    }
}
