package org.gridloop.platform.security;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A service refuses to start with a secret of the local stack or the demo compose file (the Open311 demo key, the
 * demo database passwords, the local signing key's issuer) unless it is told it is a demo
 * ({@code gridloop.demo.enabled=true}: the local stack, docker-compose, the tests and dev mode say so). So a
 * deployment that forgot to set its own keys fails at once, naming what to set, instead of running open.
 */
@ApplicationScoped
public class DemoSecrets {

    /** Setting → the demo values it must not have outside a demo. */
    static final Map<String, List<String>> DEMO_VALUES = Map.of(
            "gridloop.open311.api-keys", List.of("demo-open311-key"),
            "quarkus.datasource.password", List.of("postgres", "gridloop"),
            "mp.jwt.verify.issuer", List.of("https://gridloop.local/issuer"));

    /** {@code gridloop.demo.*} */
    @ConfigMapping(prefix = "gridloop.demo")
    public interface DemoConfig {
        /** True only in the local stack, the demo compose file, the tests and dev mode. */
        @WithDefault("false")
        boolean enabled();
    }

    private final DemoConfig demo;
    private final Config config;

    DemoSecrets(DemoConfig demo, Config config) {
        this.demo = demo;
        this.config = config;
    }

    /** Runs before anything else observes start-up (consumers, relays, job executors). */
    void refuseDemoSecrets(@Observes @Priority(1) StartupEvent started) {
        if (demo.enabled()) {
            return;
        }
        List<String> found = findings(name -> config.getOptionalValue(name, String.class));
        if (!found.isEmpty()) {
            throw new IllegalStateException("refusing to start with demo secrets outside a demo: " + found
                    + ". Set your own (e.g. GRIDLOOP_OPEN311_API_KEYS, QUARKUS_DATASOURCE_PASSWORD, "
                    + "MP_JWT_VERIFY_ISSUER with your OIDC provider's issuer), or GRIDLOOP_DEMO_ENABLED=true for a "
                    + "demo that must never hold real data.");
        }
    }

    /** The settings that hold a demo value, in a stable order. */
    static List<String> findings(Function<String, Optional<String>> setting) {
        List<String> found = new ArrayList<>();
        for (String name : DEMO_VALUES.keySet().stream().sorted().toList()) {
            Optional<String> value = setting.apply(name);
            if (value.isEmpty()) {
                continue;
            }
            boolean demoValue = Arrays.stream(value.get().split(",")).map(String::strip)
                    .anyMatch(v -> DEMO_VALUES.get(name).contains(v));
            if (demoValue) {
                found.add(name);
            }
        }
        return found;
    }
}
