package org.gridloop.contracts;

/**
 * Why a request was refused at acceptance ({@link RequestEvents.Rejected#reason()}); the resident sees it. On the
 * wire (the REST body, the event payload) each is its name.
 */
public enum RejectReason {
    /** Not a matter for grassroots governance (e.g. a civil dispute for the courts). */
    OUT_OF_SCOPE,
    SPAM,
    /** Too little to act on; the resident may report again. */
    NOT_ENOUGH_INFORMATION
}
