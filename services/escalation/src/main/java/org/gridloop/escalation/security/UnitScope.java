package org.gridloop.escalation.security;

import jakarta.enterprise.context.RequestScoped;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Caller;
import org.gridloop.platform.security.Roles;

import java.util.Optional;

/**
 * What part of the city a caller may audit: admins everything, supervisors their unit and everything under it
 * (a unit's code is the prefix of every code under it; a city covers the districts sharing its first four digits).
 * Roles are checked on the resources; this decides which units and cases.
 */
@RequestScoped
public class UnitScope {

    private final Caller caller;

    UnitScope(Caller caller) {
        this.caller = caller;
    }

    public boolean admin() {
        return caller.is(Roles.ADMIN);
    }

    /** The caller's unit code (supervisors), empty for admins. */
    public Optional<String> unit() {
        if (admin()) {
            return Optional.empty();
        }
        return caller.unit().filter(UnitCodes::isUnitCode);
    }

    /**
     * The code prefix of everything the caller may see: "" for admins; a supervisor without a valid unit claim sees
     * nothing (403).
     */
    public String prefix() {
        if (admin()) {
            return "";
        }
        String unit = unit().orElseThrow(() -> ProblemException.forbidden("the token names no supervised unit"));
        return prefixOf(unit);
    }

    /** The SQL LIKE prefix standing for a unit: its own code, or a city's first four digits. */
    public static String prefixOf(String unit) {
        return UnitCodes.level(unit) == UnitCodes.Level.CITY ? unit.substring(0, 4) : unit;
    }

    /**
     * The area unit a request names ({@code unit}, default the caller's own), checked: 400 when it is not a unit
     * code (or none is named and the caller has none), 403 when it is not under the caller's unit.
     */
    public String requireUnit(String unit) {
        String u = unit == null || unit.isBlank() ? unit().orElseThrow(() -> ProblemException.badField("unit",
                "required")) : unit;
        if (!UnitCodes.isUnitCode(u)) {
            throw ProblemException.badField("unit", "a unit code (6, 9, 12 or 15 digits)");
        }
        if (!covers(u)) {
            throw ProblemException.forbidden("unit " + u + " is not under the caller's unit");
        }
        return u;
    }

    public boolean covers(String code) {
        if (admin()) {
            return true;
        }
        return code != null && unit().map(u -> UnitCodes.covers(u, code)).orElse(false);
    }

    public String actor() {
        return caller.id();
    }
}
