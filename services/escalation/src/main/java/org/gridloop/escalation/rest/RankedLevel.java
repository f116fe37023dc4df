package org.gridloop.escalation.rest;

import org.gridloop.contracts.UnitCodes;
import org.gridloop.platform.rest.ProblemException;

import java.util.Locale;

/** A level units are ranked at (grid, community, street or district) and the length of its units' codes. */
record RankedLevel(UnitCodes.Level level, int codeLength) {

    /** The {@code level} query parameter, or a 400 naming it. */
    static RankedLevel of(String level) {
        UnitCodes.Level l;
        try {
            l = UnitCodes.Level.valueOf(level == null ? "" : level.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("level", "grid, community, street or district");
        }
        if (l == UnitCodes.Level.CITY) {
            throw ProblemException.badField("level", "grid, community, street or district");
        }
        int length = UnitCodes.codeLength(l);
        return new RankedLevel(l, length);
    }
}
