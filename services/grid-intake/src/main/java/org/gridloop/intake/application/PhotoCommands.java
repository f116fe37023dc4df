package org.gridloop.intake.application;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.gridloop.intake.domain.Photo;
import org.gridloop.intake.domain.PhotoImages;
import org.gridloop.intake.domain.TrackingTokens;
import org.gridloop.intake.repository.Photos;
import org.gridloop.platform.db.Steps;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.background.Background;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * 照片: an upload is checked (size, type by its bytes, pixel count), re-encoded without its metadata, scaled and
 * thumbnailed, and stored unattached; the step that uses it (a report, a handling, a verification) attaches it to
 * its request in that step's transaction, so a refused step leaves its photos unattached, and unattached uploads are
 * deleted after a day. Nothing of a refused upload is stored.
 */
@ApplicationScoped
public class PhotoCommands {

    private static final Logger LOG = Logger.getLogger(PhotoCommands.class);

    private final Steps steps;
    private final Photos photos;
    private final IntakeConfig.Photos config;
    private final PhotoImages images;
    private ScheduledExecutorService pruner;

    PhotoCommands(Steps steps, Photos photos, IntakeConfig.Photos config) {
        this.steps = steps;
        this.photos = photos;
        this.config = config;
        this.images = new PhotoImages(config.maxSide(), config.thumbnailSide(), config.maxPixels());
    }

    void start(@Observes StartupEvent ignored) {
        pruner = Background.every("unattached-photos-pruning", Duration.ofMinutes(10), Duration.ofHours(1),
                this::prune);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (pruner != null) {
            pruner.shutdownNow();
        }
    }

    /**
     * Stores an upload. {@code newWork}: a resident's upload comes with a new report and is shed like one when the
     * service is behind; a grid worker's belongs to a case already in the loop.
     *
     * @param declaredType the request's Content-Type
     * @param uploader     the signed-in uploader's id, or null (anonymous)
     */
    public Photo upload(byte[] data, String declaredType, String uploader, boolean newWork) {
        if (data == null || data.length == 0) {
            throw new ProblemException(400, "Invalid request", "the body is empty: send the photo's bytes", List.of());
        }
        if (data.length > config.maxBytes()) {
            throw new ProblemException(413, "Photo too large", "the photo has " + data.length + " bytes; at most "
                    + config.maxBytes() + " are accepted", List.of());
        }
        PhotoImages.Type declared = PhotoImages.Type.ofMediaType(declaredType).orElseThrow(() -> unsupported(
                "Content-Type " + declaredType + " is not a photo type; send image/jpeg or image/png"));
        PhotoImages.Type actual = PhotoImages.Type.sniff(data).orElseThrow(() -> unsupported(
                "the file is not a JPEG or PNG photo"));
        if (actual != declared) {
            throw unsupported("the file is a " + actual.mediaType + ", not the " + declared.mediaType + " declared");
        }
        java.util.function.Supplier<Photo> store = () -> {
            PhotoImages.Processed p;
            try {
                p = images.process(data);
            } catch (PhotoImages.Refused r) {
                throw r.why == PhotoImages.Refused.Why.TOO_MANY_PIXELS
                        ? new ProblemException(413, "Photo too large", r.getMessage(), List.of())
                        : unsupported(r.getMessage());
            }
            Photo photo = new Photo(TrackingTokens.newToken(), null, null, p.type().mediaType, p.width(), p.height(),
                    p.bytes().length, uploader, Instant.now(), null);
            photos.add(photo, p.bytes(), p.thumbnail());
            return photo;
        };
        return newWork ? steps.runNew(store) : steps.run(store);
    }

    /**
     * Attaches uploads to a request at a stage, in the caller's step: each id must be an upload of this uploader
     * (or an anonymous one) not used yet; otherwise the whole step is refused with a 400 on {@code field} and
     * nothing of it is stored.
     */
    public void attach(List<String> ids, String requestId, Photo.Stage stage, String uploader, String field) {
        if (ids == null || ids.isEmpty()) {
            return;
        }
        if (new LinkedHashSet<>(ids).size() != ids.size()) {
            throw ProblemException.badField(field, "a photo is listed twice");
        }
        int attached = photos.attach(ids, requestId, stage, uploader, Instant.now());
        if (attached != ids.size()) {
            throw ProblemException.badField(field, "unknown photo, or one already used: upload each photo "
                    + "(POST /api/photos) and use its id once");
        }
    }

    /** Deletes uploads never attached, older than {@code gridloop.photos.keep-unattached}. */
    public int prune() {
        try {
            int deleted = steps.run(() -> photos.pruneUnattached(Instant.now().minus(config.keepUnattached())));
            if (deleted > 0) {
                LOG.infof("deleted %d photo uploads never attached", deleted);
            }
            return deleted;
        } catch (RuntimeException e) {
            LOG.warnf("pruning unattached photos failed: %s", e.getMessage());
            return 0;
        }
    }

    private static ProblemException unsupported(String why) {
        return new ProblemException(415, "Unsupported photo", why, List.of());
    }
}
