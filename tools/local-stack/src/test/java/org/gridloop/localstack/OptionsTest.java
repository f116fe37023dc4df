package org.gridloop.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LocalStack.Options: the defaults a test or the bench starts from, and each wither changing one thing. */
class OptionsTest {

    static final Path ROOT = Path.of("/repo");
    static final Path HOME = Path.of("/tmp/home");

    @Test
    void theDefaultsAreOwnServersAndTheThreeServicesOnFreePorts() {
        LocalStack.Options o = LocalStack.Options.at(ROOT, HOME);
        assertThat(o.root()).isEqualTo(ROOT);
        assertThat(o.home()).isEqualTo(HOME);
        assertThat(o.pgPort()).isZero();
        assertThat(o.kafkaPort()).isZero();
        assertThat(o.externalPg()).isNull();
        assertThat(o.externalKafka()).isNull();
        assertThat(o.secureKafka()).isTrue();
        assertThat(o.servicePorts()).containsExactly(Map.entry("grid-intake", 0), Map.entry("report-in", 0),
                Map.entry("escalation", 0));
        assertThat(o.extraServiceEnv()).isEmpty();
    }

    @Test
    void eachWitherChangesOneThingAndLeavesTheOriginalAlone() {
        LocalStack.Options defaults = LocalStack.Options.at(ROOT, HOME);
        LocalStack.Options o = defaults.withServices("grid-intake", "web")
                .withServiceEnv(Map.of("GRIDLOOP_DEMO_ENABLED", "false"))
                .withExternalPostgres("db:5432", "gridloop", "secret")
                .withExternalKafka("kafka:9092")
                .withPorts(15432, 19092)
                .withSecureKafka(false);
        assertThat(List.copyOf(o.servicePorts().keySet())).containsExactly("grid-intake", "web");
        assertThat(o.extraServiceEnv()).containsExactly(Map.entry("GRIDLOOP_DEMO_ENABLED", "false"));
        assertThat(o.externalPg()).isEqualTo("db:5432");
        assertThat(o.pgUser()).isEqualTo("gridloop");
        assertThat(o.pgPassword()).isEqualTo("secret");
        assertThat(o.externalKafka()).isEqualTo("kafka:9092");
        assertThat(o.pgPort()).isEqualTo(15432);
        assertThat(o.kafkaPort()).isEqualTo(19092);
        assertThat(o.secureKafka()).isFalse();
        assertThat(defaults.servicePorts()).hasSize(3);
        assertThat(defaults.externalPg()).isNull();
        assertThat(defaults.secureKafka()).isTrue();
    }

    @Test
    void anUnknownServiceIsRefused() {
        assertThatThrownBy(() -> LocalStack.Options.at(ROOT, HOME).withServices("grid-intak"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grid-intak");
    }
}
