package org.gridloop.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.UnitCodes;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, from the bearer token: name, roles and the scope claims {@code grids} (a grid worker's grids),
 * {@code department} (department staff) and {@code unit} (a supervisor's unit code).
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken jwt;

    Caller(SecurityIdentity identity, JsonWebToken jwt) {
        this.identity = identity;
        this.jwt = jwt;
    }

    public boolean anonymous() {
        return identity.isAnonymous();
    }

    public String id() {
        return anonymous() ? Actor.ANONYMOUS.id() : identity.getPrincipal().getName();
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public List<String> grids() {
        Object claim = anonymous() ? null : jwt.getClaim("grids");
        if (claim instanceof Collection<?> values) {
            return values.stream().map(v -> v.toString().replace("\"", "")).toList();
        }
        return List.of();
    }

    public Optional<String> department() {
        return anonymous() ? Optional.empty() : Optional.ofNullable(jwt.<Object>getClaim("department"))
                .map(v -> v.toString().replace("\"", ""));
    }

    public Optional<String> unit() {
        return anonymous() ? Optional.empty() : Optional.ofNullable(jwt.<Object>getClaim("unit"))
                .map(v -> v.toString().replace("\"", ""));
    }

    /** The role this caller acts in, for the event's actor. */
    public String primaryRole() {
        for (String role : List.of(Roles.ADMIN, Roles.SUPERVISOR, Roles.DEPARTMENT, Roles.GRID_WORKER, Roles.RESIDENT)) {
            if (is(role)) {
                return role;
            }
        }
        return Roles.RESIDENT;
    }

    public Actor actor() {
        return anonymous() ? Actor.ANONYMOUS : new Actor(id(), primaryRole());
    }

    /** A grid worker works the grids of the token; a supervisor reads everything under the unit; admin all. */
    public boolean coversGrid(String gridCode) {
        if (is(Roles.ADMIN)) {
            return true;
        }
        if (is(Roles.GRID_WORKER) && grids().contains(gridCode)) {
            return true;
        }
        return is(Roles.SUPERVISOR) && unit().map(u -> UnitCodes.covers(u, gridCode)).orElse(false);
    }
}
