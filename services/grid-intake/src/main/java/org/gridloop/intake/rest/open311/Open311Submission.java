package org.gridloop.intake.rest.open311;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.MultivaluedMap;
import org.gridloop.contracts.Category;
import org.gridloop.intake.application.ProblemReport;
import org.gridloop.platform.rest.Problem;
import org.gridloop.platform.rest.ProblemException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A GeoReport v2 {@code POST requests} form, turned into the {@link ProblemReport} every other channel sends, so
 * the acceptance rules are the same for all. Field errors name the Open311 parameter, not the internal field.
 *
 * <p>Contact: {@code first_name}/{@code last_name} and {@code phone} become the request's contact (kept by
 * grid-intake only, never shown). {@code email}, {@code device_id} and {@code account_id} are not stored: the
 * loop calls residents back by phone. {@code attribute[...]} is ignored: no service has attributes.
 */
final class Open311Submission {

    static final int MAX_DESCRIPTION = 4000;

    private Open311Submission() {
    }

    static ProblemReport toReport(MultivaluedMap<String, String> form, Validator validator) {
        String serviceCode = value(form, "service_code");
        if (serviceCode == null) {
            throw Open311Exception.badRequest("service_code: required; see services.json");
        }
        Category category = Category.byCode(serviceCode).orElseThrow(() -> Open311Exception.badRequest(
                "service_code: unknown service_code '" + Open311Query.abbreviate(serviceCode) + "'; see services.json"));
        String lat = value(form, "lat");
        String lon = value(form, "long");
        String address = value(form, "address_string");
        if (lat == null || lon == null) {
            if (address != null || value(form, "address_id") != null) {
                throw Open311Exception.badRequest("lat, long: this jurisdiction maps each request to its grid cell "
                        + "by coordinates; send lat and long (WGS 84) with the address_string");
            }
            throw Open311Exception.badRequest("lat & long or address required");
        }
        List<String> errors = new ArrayList<>();
        Double latitude = coordinate("lat", lat, errors);
        Double longitude = coordinate("long", lon, errors);
        String description = value(form, "description");
        if (description == null) {
            // optional in Open311, required here: the service's name stands in for a missing description
            description = category.nameZh();
        }
        String mediaUrl = value(form, "media_url");
        String name = name(value(form, "first_name"), value(form, "last_name"));
        String phone = value(form, "phone");
        boolean anonymous = name == null && phone == null;
        ProblemReport body = new ProblemReport(category.code(), description,
                new ProblemReport.LocationBody(latitude, longitude, address),
                mediaUrl == null ? null : List.of(mediaUrl),
                null,
                anonymous ? null : new ProblemReport.ContactBody(name, phone),
                anonymous,
                // GeoReport v2 publishes media_url: an integrator posting one publishes it
                mediaUrl != null);
        List<String> unreadable = Stream.of("lat", "long").filter(p -> errors.stream().anyMatch(e -> e.startsWith(p + ":")))
                .toList();
        validator.validate(body).stream()
                .filter(v -> !unreadable.contains(parameter(v)))
                .map(v -> parameter(v) + ": " + v.getMessage())
                .sorted(Comparator.naturalOrder())
                .forEach(errors::add);
        if (!errors.isEmpty()) {
            throw new Open311Exception(400, errors.stream().distinct().toList());
        }
        return body;
    }

    /** A problem from the shared submission rules (e.g. a point outside every grid), in Open311 terms. */
    static Open311Exception translate(ProblemException e) {
        Problem problem = e.problem();
        if (problem.errors() == null || problem.errors().isEmpty()) {
            return new Open311Exception(e.status(), problem.detail());
        }
        return new Open311Exception(e.status(), problem.errors().stream()
                .map(f -> parameter(f.field()) + ": " + f.message()).toList());
    }

    /** "Mary Smith", but a Chinese name family name first and unspaced: 李 + 秀英 is "李秀英". */
    static String name(String first, String last) {
        if (first == null || last == null) {
            return first == null ? last : first;
        }
        boolean chinese = (first + last).codePoints().allMatch(cp -> Character.UnicodeScript.of(cp)
                == Character.UnicodeScript.HAN);
        return chinese ? last + first : first + " " + last;
    }

    static String value(MultivaluedMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Double coordinate(String name, String value, List<String> errors) {
        try {
            double d = Double.parseDouble(value);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(name + ": '" + Open311Query.abbreviate(value) + "' is not a decimal degree");
        return null;
    }

    private static String parameter(ConstraintViolation<?> violation) {
        return parameter(violation.getPropertyPath().toString());
    }

    /** The internal field a rule names, as the Open311 parameter the client sent. */
    static String parameter(String field) {
        if (field.startsWith("location.latitude")) {
            return "lat";
        }
        if (field.startsWith("location.longitude")) {
            return "long";
        }
        if (field.startsWith("location.address")) {
            return "address_string";
        }
        if (field.equals("location")) {
            return "lat, long";
        }
        if (field.startsWith("category")) {
            return "service_code";
        }
        if (field.startsWith("photoUrls")) {
            return "media_url";
        }
        if (field.startsWith("contact.name")) {
            return "first_name, last_name";
        }
        if (field.startsWith("contact.phone")) {
            return "phone";
        }
        return field;
    }
}
