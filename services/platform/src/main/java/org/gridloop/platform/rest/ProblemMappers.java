package org.gridloop.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every error leaves as {@code application/problem+json}, bad input field by field. Nothing about the server's
 * insides is in a response; an unexpected failure is logged with an id that the response carries.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return badFields(errors);
    }

    /** 400 naming each bad field, in the detail too. */
    private static Response badFields(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem("about:blank", "Invalid request", 400, detail, errors));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof NoNulStrings.NulCharacterException nul ? nul.field()
                : e instanceof JsonMappingException mapping ? path(mapping) : "";
        String message = e.getOriginalMessage();
        if (message != null && message.length() > 300) {
            message = message.substring(0, 300);
        }
        String complaint = e instanceof NoNulStrings.NulCharacterException ? "must not contain NUL characters"
                : "not readable as the expected type";
        List<Problem.FieldError> errors = field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, complaint));
        return respond(new Problem("about:blank", "Malformed JSON", 400,
                field.isEmpty() ? "the body is not valid JSON: " + message : field + ": " + complaint,
                errors));
    }

    /** More specific than Quarkus's own mapper for it, which answers plain JSON. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return unreadable(e);
    }

    /** Two people changed the same record at once: the later one is told to look again. */
    @ServerExceptionMapper(priority = 1)
    public Response concurrent(jakarta.persistence.OptimisticLockException e) {
        return conflictingChange();
    }

    @ServerExceptionMapper(priority = 1)
    public Response concurrent(org.hibernate.StaleStateException e) {
        return conflictingChange();
    }

    private static Response conflictingChange() {
        return respond(new Problem("about:blank", "Conflict", 409,
                "the record changed while this request was being handled; reload it and try again", List.of()));
    }

    /** New work refused while the loop catches up: 503 with Retry-After, nothing stored. */
    @ServerExceptionMapper(priority = 1)
    public Response overloaded(org.gridloop.platform.admission.Admission.Overloaded e) {
        return Response.fromResponse(respond(new Problem("about:blank", "Service busy", 503, e.getMessage(),
                List.of()))).header("Retry-After", Math.max(1, e.retryAfter().toSeconds())).build();
    }

    /**
     * A query parameter that could not be converted to its type is bad input: 400 naming it, not the 404 JAX-RS
     * gives it (as if no such resource existed). A path parameter that does not convert, or a resource that does not
     * exist, stays a 404.
     */
    @ServerExceptionMapper(priority = 1)
    public Response notFound(NotFoundException e, SimpleResourceInfo resource, UriInfo uri) {
        if (e.getCause() != null) {
            List<Problem.FieldError> errors = QueryParameters.unconvertible(resource, uri.getQueryParameters());
            if (!errors.isEmpty()) {
                return badFields(errors);
            }
        }
        return web(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String title = original.getStatusInfo().getReasonPhrase();
        return respond(new Problem("about:blank", title, status, e.getMessage(), List.of()));
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        if (org.gridloop.platform.db.DatabaseUnavailable.test(e)) {
            return unavailable(e);
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s", id);
        return respond(new Problem("about:blank", "Internal error", 500,
                "the request could not be completed; reference " + id, List.of()));
    }

    /**
     * The database cannot be reached (a restart, a failover): nothing was done, so the caller may send the same
     * request again shortly. 503 with Retry-After, not a 500: nothing is wrong with the request or the code.
     */
    static Response unavailable(Throwable e) {
        LOG.warnf("database unavailable, answered 503: %s", e.getMessage());
        return Response.fromResponse(respond(new Problem("about:blank", "Service unavailable", 503,
                "the database cannot be reached right now; nothing was changed, try again shortly", List.of())))
                .header("Retry-After", RETRY_AFTER_UNAVAILABLE_SECONDS).build();
    }

    static final int RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** "submit.body.location.latitude" becomes "location.latitude"; a query parameter keeps its name. */
    static String field(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER && i < nodes.size() - 1) {
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                String element = node.getIndex() != null ? "[" + node.getIndex() + "]"
                        : node.getKey() != null ? "[" + node.getKey() + "]" : "";
                if (!names.isEmpty()) {
                    names.set(names.size() - 1, names.get(names.size() - 1) + element);
                }
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null) {
                name = (name == null ? "" : name) + "[" + node.getIndex() + "]";
            }
            if (name != null && !name.isEmpty()) {
                names.add(name);
            }
        }
        return String.join(".", names).replace(".[", "[");
    }
}
