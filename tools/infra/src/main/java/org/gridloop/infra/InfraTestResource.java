package org.gridloop.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * {@code @QuarkusTestResource(InfraTestResource.class)}: the service under test talks to the real PostgreSQL and
 * Kafka broker of {@link SharedInfra} and trusts its JWT issuer.
 */
public class InfraTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return SharedInfra.get().serviceConfig();
    }

    @Override
    public void stop() {
        // shared by every test of the JVM; stopped by the JVM's shutdown hook
    }
}
