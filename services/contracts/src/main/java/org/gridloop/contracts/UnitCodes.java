package org.gridloop.contracts;

/**
 * The 15-digit unit grid code of 数字化城管: district (6 digits, the administrative division code) + street (3) +
 * community (3) + grid (3). A unit's code is the prefix of every grid under it; a city is written with its
 * division code ending in "00" (110100) and covers the districts that share its first four digits.
 * The escalation ladder climbs grid -> community -> street -> district -> city.
 */
public final class UnitCodes {

    public enum Level {
        GRID, COMMUNITY, STREET, DISTRICT, CITY
    }

    private UnitCodes() {
    }

    public static boolean isGridCode(String code) {
        return code != null && code.length() == 15 && code.chars().allMatch(Character::isDigit);
    }

    /** Whether {@code code} is the code of a grid, community, street, district or city. */
    public static boolean isUnitCode(String code) {
        try {
            level(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Level level(String unit) {
        if (unit == null || !unit.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a unit code: " + unit);
        }
        return switch (unit.length()) {
            case 15 -> Level.GRID;
            case 12 -> Level.COMMUNITY;
            case 9 -> Level.STREET;
            case 6 -> unit.endsWith("00") ? Level.CITY : Level.DISTRICT;
            default -> throw new IllegalArgumentException("not a unit code: " + unit);
        };
    }

    /** Whether {@code unit} is {@code code} itself or above it. */
    public static boolean covers(String unit, String code) {
        if (unit == null || code == null) {
            return false;
        }
        if (level(unit) == Level.CITY) {
            return code.length() >= 4 && code.startsWith(unit.substring(0, 4));
        }
        return code.startsWith(unit);
    }

    /** The code of the unit at {@code level} above (or equal to) the given grid code. */
    public static String unitAt(String gridCode, Level level) {
        return switch (level) {
            case GRID -> gridCode;
            case COMMUNITY -> gridCode.substring(0, 12);
            case STREET -> gridCode.substring(0, 9);
            case DISTRICT -> gridCode.substring(0, 6);
            case CITY -> gridCode.substring(0, 4) + "00";
        };
    }

    /**
     * The length of the codes of a level's units (a city's code is 6 digits, but it covers by its first four: see
     * {@link #covers}).
     */
    public static int codeLength(Level level) {
        return switch (level) {
            case GRID -> 15;
            case COMMUNITY -> 12;
            case STREET -> 9;
            case DISTRICT, CITY -> 6;
        };
    }

    /** One level up the ladder, or null at the city. */
    public static Level above(Level level) {
        return level == Level.CITY ? null : Level.values()[level.ordinal() + 1];
    }
}
