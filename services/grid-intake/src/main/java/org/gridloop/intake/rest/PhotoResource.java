package org.gridloop.intake.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.intake.application.PhotoCommands;
import org.gridloop.intake.domain.Photo;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.intake.repository.Photos;
import org.gridloop.intake.repository.ServiceRequests;
import org.gridloop.intake.security.Access;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Caller;
import org.gridloop.platform.security.Roles;

import java.net.URI;

/**
 * 照片: upload a photo (from the phone's camera), then name its id in the step that uses it (a report's
 * {@code photoIds}, a handling's before/after photos, a verification's); fetch the photos of a request one may see.
 */
@Path("/api/photos")
@Tag(name = "Photos", description = "照片: upload, then attach by id; fetch a request's photos and thumbnails")
public class PhotoResource {

    private final PhotoCommands commands;
    private final Photos photos;
    private final ServiceRequests requests;
    private final Caller caller;

    PhotoResource(PhotoCommands commands, Photos photos, ServiceRequests requests, Caller caller) {
        this.commands = commands;
        this.photos = photos;
        this.requests = requests;
        this.caller = caller;
    }

    /** What an upload answers: the id to attach, and what was kept. */
    public record Uploaded(String id, String contentType, int width, int height, int bytes, String url,
                           String thumbnailUrl) {
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(content = {@Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING,
            format = "binary")), @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING,
            format = "binary"))})
    @Operation(summary = "Upload a photo", description = "The body is the photo's bytes, Content-Type image/jpeg or "
            + "image/png (checked against the file's own first bytes), at most gridloop.photos.max-bytes (8 MiB) and "
            + "50 megapixels. Kept re-encoded without any metadata (EXIF location, camera, comments), turned upright, "
            + "at most 2048 pixels on the long side, with a 320-pixel thumbnail. Answers the id to name in the step "
            + "that uses it (photoIds of a report, beforePhotoIds/afterPhotoIds of a handling, photoIds of a "
            + "verification), by the same uploader (anonymous uploads by whoever holds the id). An upload never used "
            + "is deleted after a day. 413 too large, 415 not a JPEG or PNG; nothing is stored then.")
    public Response upload(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        boolean staff = caller.is(Roles.GRID_WORKER);
        Photo p = commands.upload(body, contentType, caller.anonymous() ? null : caller.id(), !staff);
        String url = "/api/photos/" + p.id();
        return Response.created(URI.create(url))
                .entity(new Uploaded(p.id(), p.contentType(), p.width(), p.height(), p.bytes(), url,
                        url + "/thumbnail"))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Produces({"image/jpeg", "image/png", MediaType.APPLICATION_JSON})
    @Operation(summary = "A photo", description = "For whoever may see its request (its reporter by token or "
            + "X-Tracking-Token, the grid workers of its grid, supervisors above it); 404 for anyone else and for "
            + "an upload not attached to a request.")
    public Response photo(@PathParam("id") String id, @HeaderParam(RequestResource.TRACKING_TOKEN) String token) {
        return serve(id, token, false);
    }

    @GET
    @Path("{id}/thumbnail")
    @PermitAll
    @Produces({"image/jpeg", MediaType.APPLICATION_JSON})
    @Operation(summary = "A photo's thumbnail (JPEG, 320 pixels on the long side)", description = "As the photo.")
    public Response thumbnail(@PathParam("id") String id, @HeaderParam(RequestResource.TRACKING_TOKEN) String token) {
        return serve(id, token, true);
    }

    private Response serve(String id, String token, boolean thumbnail) {
        Photo photo = photos.meta(id).filter(Photo::attached)
                .orElseThrow(() -> ProblemException.notFound("no photo " + id));
        ServiceRequest request = requests.find(photo.requestId())
                .orElseThrow(() -> ProblemException.notFound("no photo " + id));
        if (!new Access(caller, token).maySee(request)) {
            throw ProblemException.notFound("no photo " + id);
        }
        byte[] bytes = photos.bytes(id, thumbnail).orElseThrow(() -> ProblemException.notFound("no photo " + id));
        return image(bytes, thumbnail ? "image/jpeg" : photo.contentType(), "private");
    }

    /** A stored image: never re-typed by the browser; cached by whoever may see it (photos never change). */
    public static Response image(byte[] bytes, String contentType, String cacheScope) {
        return Response.ok(bytes, contentType)
                .header("Cache-Control", cacheScope + ", max-age=86400, immutable")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline")
                .build();
    }
}
