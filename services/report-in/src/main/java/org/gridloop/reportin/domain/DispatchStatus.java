package org.gridloop.reportin.domain;

/** Where one whistle round stands: the departments are at it, or every one of them answered. */
public enum DispatchStatus {
    OPEN,
    RESOLVED
}
