package org.gridloop.intake.rest.open311;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.contracts.Actor;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.gridloop.intake.application.IntakeConfig;
import org.gridloop.intake.application.PublicationPolicy;
import org.gridloop.intake.application.RequestCommands;
import org.gridloop.intake.application.ProblemReport;
import org.gridloop.intake.application.Submission;
import org.gridloop.intake.domain.Photo;
import org.gridloop.intake.domain.TrackingTokens;
import org.gridloop.intake.repository.Photos;
import org.gridloop.intake.repository.ServiceRequests;
import org.gridloop.intake.rest.PhotoResource;
import org.gridloop.intake.repository.RequestQueries;
import org.gridloop.contracts.Category;
import org.gridloop.intake.domain.GridDirectory;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Roles;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The Open311 GeoReport v2 server (http://wiki.open311.org/GeoReport_v2), so that other channels — the 12345
 * hotline, FixMyStreet-style apps — report into the loop and follow their requests. Each endpoint answers in JSON
 * or XML, chosen by the path suffix.
 *
 * <p>Security follows the Open311 model: every endpoint is public, and the {@code api_key} of a registered
 * integrator guards {@code POST requests}. What a GET shows is what the city's {@link PublicationPolicy} publishes:
 * no sensitive category, no rejected request, free text masked, anonymous reports' places coarsened, never the
 * reporter's contact details. Public answers are cached; submissions and searches are rate-limited per address by
 * the platform's {@code RateLimiter}.
 *
 * <p>Errors are the spec's error list with the HTTP status (400, 403, 404), never RFC 9457 problem details: the
 * exception mappers of this class take precedence over the platform's for everything thrown here.
 */
@Path("/open311/v2")
@PermitAll
@Tag(name = "Open311 GeoReport v2", description = "The standard civic API for other channels (12345 hotline, apps): "
        + "discovery, services, requests. JSON or XML by path suffix (.json, .xml).")
public class Open311Resource {

    private static final Logger LOG = Logger.getLogger(Open311Resource.class);
    /** Who an integrator's submission is recorded as, in the event; a named reporter is not an account here. */
    static final Actor INTEGRATOR = new Actor("open311", Roles.RESIDENT);

    private final RequestCommands commands;
    private final RequestQueries queries;
    private final GridDirectory grids;
    private final Open311Config config;
    private final Open311Renderer renderer;
    private final Validator validator;
    private final PublicationPolicy policy;
    private final IntakeConfig.Publication publication;
    /** Rendered public answers by format and query, kept {@code gridloop.publication.cache-for}. */
    private final Cache<String, byte[]> published;
    private final Photos photos;
    private final ServiceRequests requestRows;

    Clock clock = Clock.systemUTC();

    Open311Resource(RequestCommands commands, RequestQueries queries, GridDirectory grids, Open311Config config,
                    Open311Renderer renderer, Validator validator, PublicationPolicy policy,
                    IntakeConfig.Publication publication, Photos photos, ServiceRequests requestRows) {
        this.photos = photos;
        this.requestRows = requestRows;
        this.commands = commands;
        this.queries = queries;
        this.grids = grids;
        this.config = config;
        this.renderer = renderer;
        this.validator = validator;
        this.policy = policy;
        this.publication = publication;
        this.published = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(publication.cacheFor()).build();
    }

    @GET
    @Path("discovery.{format}")
    @Operation(summary = "Service discovery", description = "Where this jurisdiction's GeoReport v2 endpoint is, "
            + "who to contact, how to get an API key.")
    @APIResponse(responseCode = "200", description = "the discovery document", content = {
            @Content(mediaType = "application/json"), @Content(mediaType = "text/xml")})
    public Response discovery(@PathParam("format") @Parameter(description = "json or xml") String format,
                              @Context UriInfo uri) {
        Open311Format f = format(format);
        Open311Document.Fields endpoint = Open311Document.fields()
                .with("specification", Open311Views.SPECIFICATION)
                .with("url", baseUrl(uri))
                .with("changeset", config.changeset())
                .with("type", "production")
                .with("formats", List.of("application/json", "text/xml"));
        return renderer.ok(f, Open311Document.object("discovery", Open311Document.fields()
                .with("changeset", config.changeset())
                .with("contact", config.contact())
                .with("key_service", config.keyService())
                .with("endpoints", List.of(endpoint))));
    }

    @GET
    @Path("services.{format}")
    @Operation(summary = "Service list", description = "Every category a request can have; service_code is the "
            + "category code. No service has extra attributes (metadata is false).")
    @APIResponse(responseCode = "200", description = "the services", content = {
            @Content(mediaType = "application/json"), @Content(mediaType = "text/xml")})
    @APIResponse(responseCode = "404", description = "unknown jurisdiction_id or format")
    public Response services(@PathParam("format") String format,
                             @QueryParam("jurisdiction_id") String jurisdictionId) {
        Open311Format f = format(format);
        requireJurisdiction(jurisdictionId);
        return renderer.ok(f, Open311Document.list("services", "service",
                Arrays.stream(Category.values()).map(Open311Views::service).toList()));
    }

    @GET
    @Path("services/{service_code}.{format}")
    @Operation(summary = "Service definition", description = "The extra attributes of a service: none here.")
    @APIResponse(responseCode = "200", description = "the definition", content = {
            @Content(mediaType = "application/json"), @Content(mediaType = "text/xml")})
    @APIResponse(responseCode = "404", description = "unknown service_code")
    public Response serviceDefinition(@PathParam("service_code") String serviceCode,
                                      @PathParam("format") String format,
                                      @QueryParam("jurisdiction_id") String jurisdictionId) {
        Open311Format f = format(format);
        requireJurisdiction(jurisdictionId);
        Category category = Category.byCode(serviceCode).orElseThrow(() -> Open311Exception.notFound(
                "service_code: unknown service_code '" + Open311Query.abbreviate(serviceCode) + "'"));
        return renderer.ok(f, Open311Document.object("service_definition", Open311Document.fields()
                .with("service_code", category.code())
                .with("attributes", List.of())));
    }

    @POST
    @Path("requests.{format}")
    // any type: the form is read by Open311Form, so that a wrong type is answered in Open311 terms
    @Consumes(MediaType.WILDCARD)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED))
    @Operation(summary = "Create a service request", description = "Form-encoded: api_key (required), service_code, "
            + "lat and long (required here: the location picks the grid cell; an address alone is refused), "
            + "address_string, description (max 4000), media_url, first_name, last_name, phone. email, device_id and "
            + "account_id are not stored; attribute[...] is ignored. The same acceptance rules as every other "
            + "channel apply. Answers the request id and its tracking token (keep it to follow and rate the request).")
    @APIResponse(responseCode = "200", description = "created", content = {
            @Content(mediaType = "application/json"), @Content(mediaType = "text/xml")})
    @APIResponse(responseCode = "400", description = "bad or missing parameter, or a location outside every grid")
    @APIResponse(responseCode = "403", description = "missing or invalid api_key")
    public Response create(@PathParam("format") String format,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] raw) {
        Open311Format f = format(format);
        MultivaluedMap<String, String> form = Open311Form.parse(contentType, raw);
        requireJurisdiction(Open311Submission.value(form, "jurisdiction_id"));
        requireApiKey(Open311Submission.value(form, "api_key"));
        ProblemReport report = Open311Submission.toReport(form, validator);
        boolean dropped = Open311Submission.value(form, "email") != null
                || Open311Submission.value(form, "device_id") != null
                || Open311Submission.value(form, "account_id") != null;
        // 200, not 201: what GeoReport v2 clients expect from this call
        RequestCommands.Submitted s = commands.submit(new Submission(report, Submission.OPEN311, INTEGRATOR, null));
        return renderer.ok(f, Open311Document.list("service_requests", "request", List.of(
                Open311Document.fields()
                        .with("service_request_id", s.request().id)
                        .with("token", s.trackingToken())
                        .with("service_notice", notice(dropped))
                        .with("account_id", null))));
    }

    @GET
    @Path("tokens/{token}.{format}")
    @Operation(summary = "Request id from a token", description = "The service request a token (as answered by "
            + "POST requests) belongs to.")
    @APIResponse(responseCode = "200", description = "the request id", content = {
            @Content(mediaType = "application/json"), @Content(mediaType = "text/xml")})
    @APIResponse(responseCode = "404", description = "unknown token")
    public Uni<Response> token(@PathParam("token") String token, @PathParam("format") String format,
                               @QueryParam("jurisdiction_id") String jurisdictionId) {
        Open311Format f = format(format);
        requireJurisdiction(jurisdictionId);
        if (token.length() > 200) {
            throw Open311Exception.notFound("token: no such token");
        }
        return queries.byTrackingTokenHash(TrackingTokens.hash(token))
                .map(r -> {
                    if (r == null) {
                        throw Open311Exception.notFound("token: no such token");
                    }
                    return renderer.ok(f, Open311Document.list("service_requests", "request", List.of(
                            Open311Document.fields().with("service_request_id", r.id).with("token", token))));
                });
    }

    @GET
    @Path("requests.{format}")
    @Operation(summary = "Search service requests", description = "Newest first, at most 1000. service_request_id "
            + "(comma-separated) overrides every other filter; service_code and status (open, closed) may be "
            + "comma-separated; start_date/end_date are W3C datetimes, by default the last 90 days, and may not "
            + "span more than 90 days. Shows what the city's publication policy publishes: no sensitive category "
            + "(neighbour disputes), no rejected request, descriptions and notes with personal data masked, anonymous "
            + "reports' coordinates rounded and their address left out, photos only where the reporter allowed it; "
            + "never the reporter's contact details. Answers may be up to 30 s old (Cache-Control).")
    @APIResponse(responseCode = "200", description = "the requests", content = {
            @Content(mediaType = "application/json"), @Content(mediaType = "text/xml")})
    @APIResponse(responseCode = "400", description = "a bad filter")
    public Uni<Response> search(@PathParam("format") String format,
                                @QueryParam("jurisdiction_id") String jurisdictionId,
                                @QueryParam("service_request_id") String serviceRequestId,
                                @QueryParam("service_code") String serviceCode,
                                @Parameter(in = ParameterIn.QUERY, example = "2025-06-01T00:00:00+08:00")
                                @QueryParam("start_date") String startDate,
                                @QueryParam("end_date") String endDate,
                                @Parameter(in = ParameterIn.QUERY, description = "open or closed")
                                @QueryParam("status") String status, @Context UriInfo uri) {
        Open311Format f = format(format);
        requireJurisdiction(jurisdictionId);
        Open311Query query = Open311Query.parse(serviceRequestId, serviceCode, startDate, endDate, status, zone(),
                clock);
        String key = String.join("|", "search", f.name(), baseUrl(uri), String.valueOf(serviceRequestId),
                String.valueOf(serviceCode), String.valueOf(startDate), String.valueOf(endDate),
                String.valueOf(status));
        return cached(f, key, () -> queries.search(query.byId() ? query.ids() : List.of(), query.start(),
                        query.end(), query.codes(), query.statuses(), policy.sensitiveCategories(),
                        PublicationPolicy.NEVER_PUBLISHED, Open311Query.MAX_RESULTS)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> requests(found, baseUrl(uri))));
    }

    @GET
    @Path("requests/{service_request_id}.{format}")
    @Operation(summary = "One service request", description = "A one-element list, as the spec has it, under the "
            + "same publication policy as the search; a request the policy withholds is 404 like an unknown one.")
    @APIResponse(responseCode = "200", description = "the request", content = {
            @Content(mediaType = "application/json"), @Content(mediaType = "text/xml")})
    @APIResponse(responseCode = "404", description = "unknown service_request_id")
    public Uni<Response> request(@PathParam("service_request_id") String id, @PathParam("format") String format,
                                 @QueryParam("jurisdiction_id") String jurisdictionId,
                                 @Context UriInfo uri) {
        Open311Format f = format(format);
        requireJurisdiction(jurisdictionId);
        if (id.length() > Open311Query.MAX_ID_LENGTH) {
            throw notFound(id);
        }
        // a request the policy withholds (sensitive, rejected) is answered exactly like one that does not exist
        return cached(f, String.join("|", "request", f.name(), baseUrl(uri), id), () -> queries.byId(id)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(r -> {
                    if (r == null || !policy.publishable(r)) {
                        throw notFound(id);
                    }
                    return requests(List.of(r), baseUrl(uri));
                }));
    }

    @GET
    @Path("media/{photo_id}")
    @Operation(summary = "A published photo (media_url)", description = "The first photo kept with a report whose "
            + "reporter allowed publishing its photos, of a request the publication policy publishes; re-encoded "
            + "without metadata. 404 for any other photo.")
    @APIResponse(responseCode = "200", description = "the photo", content = {
            @Content(mediaType = "image/jpeg"), @Content(mediaType = "image/png")})
    @APIResponse(responseCode = "404", description = "no such published photo")
    public Response media(@PathParam("photo_id") String photoId) {
        Photo photo = photos.meta(photoId)
                .filter(p -> p.stage() == Photo.Stage.REPORT)
                .orElseThrow(() -> Open311Exception.notFound("no published photo '" + Open311Query.abbreviate(photoId)
                        + "'"));
        ServiceRequest r = requestRows.find(photo.requestId()).orElse(null);
        if (r == null || !policy.publishable(r) || !policy.publishedPhoto(r, photos.of(r.id))
                .map(p -> photoId.equals(p.keptId())).orElse(false)) {
            throw Open311Exception.notFound("no published photo '" + Open311Query.abbreviate(photoId) + "'");
        }
        // public as long as the request is: cached no longer than the request's own public answer
        return PhotoResource.image(photos.bytes(photoId, false).orElseThrow(), photo.contentType(),
                "public, max-age=" + publication.cacheFor().toSeconds());
    }

    /** Anything else under the base answers in Open311 terms too, not with a problem document. */
    @GET
    @Path("{path: .+}")
    @Operation(hidden = true)
    public Response unknown(@PathParam("path") String path) {
        throw Open311Exception.notFound("no such Open311 resource: " + Open311Query.abbreviate(path)
                + " (see discovery.json)");
    }

    @POST
    @Path("{path: .+}")
    @Operation(hidden = true)
    public Response unknownPost(@PathParam("path") String path) {
        throw Open311Exception.notFound("no such Open311 resource: " + Open311Query.abbreviate(path)
                + " (see discovery.json)");
    }

    // ---- errors: the spec's list, with the HTTP status; mapped here so the platform's problem mapper never sees them

    @ServerExceptionMapper
    public Response open311Error(Open311Exception e, UriInfo uri) {
        return renderer.error(Open311Format.ofPath(uri.getPath()), e);
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        if (e.status() >= 500) {
            return unexpected(e, uri);
        }
        return renderer.error(Open311Format.ofPath(uri.getPath()), Open311Submission.translate(e));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<String> errors = e.getConstraintViolations().stream()
                .map(v -> Open311Submission.parameter(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted().toList();
        return renderer.error(Open311Format.ofPath(uri.getPath()), new Open311Exception(400, errors));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        return renderer.error(Open311Format.ofPath(uri.getPath()), new Open311Exception(status,
                e.getResponse().getStatusInfo().getReasonPhrase()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected Open311 failure %s", reference);
        return renderer.error(Open311Format.ofPath(uri.getPath()), new Open311Exception(500,
                "the request could not be completed; reference " + reference));
    }

    // ---- helpers

    private Open311Document requests(List<ServiceRequest> found, String base) {
        ZoneId zone = zone();
        Map<String, List<Photo>> kept = photos.of(found.stream().filter(r -> r.photosPublic).map(r -> r.id).toList());
        // what the policy withholds was left out by the query (search) or answered 404 (by id)
        return Open311Document.list("service_requests", "request", found.stream()
                .map(r -> Open311Views.request(policy.publish(r, kept.getOrDefault(r.id, List.of()),
                        id -> base + "/media/" + id), grids, zone)).toList());
    }

    /**
     * A public answer from the cache, or computed and cached: under load the same searches cost nothing, and
     * clients and proxies may keep it as long (Cache-Control). Errors are not cached.
     */
    private Uni<Response> cached(Open311Format f, String key, Supplier<Uni<Open311Document>> compute) {
        byte[] hit = published.getIfPresent(key);
        if (hit != null) {
            return Uni.createFrom().item(publicAnswer(f, hit));
        }
        return compute.get().map(document -> {
            byte[] body = renderer.body(f, document);
            published.put(key, body);
            return publicAnswer(f, body);
        });
    }

    private Response publicAnswer(Open311Format f, byte[] body) {
        return Response.ok(body, f.contentType())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + publication.cacheFor().toSeconds())
                .build();
    }

    private static Open311Format format(String suffix) {
        return Open311Format.of(suffix).orElseThrow(() -> Open311Exception.notFound(
                "format: '" + Open311Query.abbreviate(suffix) + "' is not served; use .json or .xml"));
    }

    private void requireJurisdiction(String jurisdictionId) {
        if (jurisdictionId != null && !jurisdictionId.isBlank()
                && !jurisdictionId.strip().equals(config.jurisdictionId())) {
            throw Open311Exception.notFound("jurisdiction_id: '" + Open311Query.abbreviate(jurisdictionId)
                    + "' is not served here; this is " + config.jurisdictionId());
        }
    }

    /** Compares against every configured key in constant time, so timing tells nothing about a near miss. */
    private void requireApiKey(String apiKey) {
        if (apiKey == null) {
            throw Open311Exception.forbidden("api_key: required to create a request (see key_service in discovery)");
        }
        byte[] given = apiKey.getBytes(StandardCharsets.UTF_8);
        boolean valid = false;
        for (String key : config.apiKeys()) {
            String k = key.strip();
            if (!k.isEmpty() & MessageDigest.isEqual(given, k.getBytes(StandardCharsets.UTF_8))) {
                valid = true;
            }
        }
        if (!valid) {
            throw Open311Exception.forbidden("api_key: invalid api_key received -- can't proceed with create_request");
        }
    }

    private static Open311Exception notFound(String id) {
        return Open311Exception.notFound("service_request_id: no service request '" + Open311Query.abbreviate(id)
                + "'");
    }

    private static String notice(boolean dropped) {
        String notice = "已登记，将按网格受理办理；请保存 token 以跟踪和评价 (received; keep the token to follow and rate "
                + "the request). 联系人信息仅用于回访，不公开 (contact details are never published).";
        return dropped ? notice + " email, device_id 与 account_id 不保存 (email, device_id and account_id are not "
                + "stored)." : notice;
    }

    private ZoneId zone() {
        return ZoneId.of(config.timeZone());
    }

    private String baseUrl(UriInfo uri) {
        return config.baseUrl().orElseGet(() -> {
            String base = uri.getBaseUri().toString();
            return (base.endsWith("/") ? base : base + "/") + "open311/v2";
        });
    }
}
