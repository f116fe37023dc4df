package org.gridloop.platform.security;

/** The roles a bearer token can carry in its {@code groups} claim. */
public final class Roles {

    public static final String RESIDENT = "resident";
    public static final String GRID_WORKER = "grid-worker";
    public static final String DEPARTMENT = "department";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
