package org.gridloop.platform.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An RFC 9457 problem: {@code errors} names each bad field of the request. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }
}
