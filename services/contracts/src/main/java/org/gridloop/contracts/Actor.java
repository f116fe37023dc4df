package org.gridloop.contracts;

/**
 * Who caused an event: a user name and role, or the process engine itself ({@link #SYSTEM}).
 * Never a contact detail.
 */
public record Actor(String id, String role) {

    public static final Actor SYSTEM = new Actor("system", "system");
    public static final Actor ANONYMOUS = new Actor("anonymous", "resident");
}
