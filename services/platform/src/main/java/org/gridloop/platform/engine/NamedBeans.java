package org.gridloop.platform.engine;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.inject.literal.NamedLiteral;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CDI beans a BPMN expression may name ({@code ${acceptRequestAdapter}}): any {@code @Named} bean, looked up by
 * name the first time an expression uses it (the adapters are application-scoped, so what is kept is their client
 * proxy). Camunda's expression manager only asks {@code containsKey} and {@code get}; there is nothing to list.
 */
final class NamedBeans extends AbstractMap<Object, Object> {

    private final Map<String, Optional<Object>> resolved = new ConcurrentHashMap<>();

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && lookup(name).isPresent();
    }

    @Override
    public Object get(Object key) {
        return key instanceof String name ? lookup(name).orElse(null) : null;
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
        return Set.of();
    }

    private Optional<Object> lookup(String name) {
        return resolved.computeIfAbsent(name, n -> {
            InjectableInstance<Object> instance = Arc.container().select(Object.class, NamedLiteral.of(n));
            return instance.isResolvable() ? Optional.of(instance.get()) : Optional.empty();
        });
    }
}
