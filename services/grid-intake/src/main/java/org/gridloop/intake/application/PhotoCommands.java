package org.gridloop.intake.application;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.gridloop.intake.domain.Photo;
import org.gridloop.intake.domain.PhotoImages;
import org.gridloop.intake.domain.TrackingTokens;
import org.gridloop.intake.repository.Photos;
import org.gridloop.platform.admission.Admission;
import org.gridloop.platform.db.Steps;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.background.Background;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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
    private final Semaphore decoding;
    private ScheduledExecutorService pruner;

    PhotoCommands(Steps steps, Photos photos, IntakeConfig.Photos config) {
        this.steps = steps;
        this.photos = photos;
        this.config = config;
        this.images = new PhotoImages(config.maxSide(), config.thumbnailSide(), config.maxPixels());
        this.decoding = new Semaphore(config.concurrent());
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
        PhotoImages.Type actual = PhotoImages.Type.sniff(data).orElseThrow(() -> unsupported(
                "the file is not a JPEG or PNG photo"));
        // a phone's browser may not know the file's type (Android often sends none): then the bytes say it
        if (!unknownType(declaredType)) {
            PhotoImages.Type declared = PhotoImages.Type.ofMediaType(declaredType).orElseThrow(() -> unsupported(
                    "Content-Type " + declaredType + " is not a photo type; send image/jpeg or image/png"));
            if (actual != declared) {
                throw unsupported("the file is a " + actual.mediaType + ", not the " + declared.mediaType
                        + " declared");
            }
        }
        if (photos.unattachedBytes() > config.unattachedQuotaBytes()) {
            // uploads nobody used yet fill the store (a flood, or the pruning behind): shed, like new work
            throw new Admission.Overloaded("too many uploaded photos wait to be used", Duration.ofMinutes(1));
        }
        PhotoImages.Processed p = decode(data);
        Photo photo = new Photo(TrackingTokens.newToken(), null, null, p.type().mediaType, p.width(), p.height(),
                p.bytes().length, uploader, Instant.now(), null);
        java.util.function.Supplier<Photo> store = () -> {
            photos.add(photo, p.bytes(), p.thumbnail());
            return photo;
        };
        return newWork ? steps.runNew(store) : steps.run(store);
    }

    /**
     * Decodes and re-encodes outside any step (it holds neither an admission slot nor a transaction), at most
     * {@code gridloop.photos.concurrent} at a time; a photo that waits longer than a few seconds for its turn is
     * refused like overload (503, Retry-After).
     */
    private PhotoImages.Processed decode(byte[] data) {
        boolean turn;
        try {
            turn = decoding.tryAcquire(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Admission.Overloaded("photos are being processed", Duration.ofSeconds(5));
        }
        if (!turn) {
            throw new Admission.Overloaded("photos are being processed", Duration.ofSeconds(5));
        }
        try {
            return images.process(data);
        } catch (PhotoImages.Refused r) {
            throw r.why == PhotoImages.Refused.Why.TOO_MANY_PIXELS
                    ? new ProblemException(413, "Photo too large", r.getMessage(), List.of())
                    : unsupported(r.getMessage());
        } finally {
            decoding.release();
        }
    }

    private static boolean unknownType(String declared) {
        if (declared == null || declared.isBlank()) {
            return true;
        }
        String base = declared.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return base.equals("application/octet-stream");
    }

    /**
     * Attaches uploads to a request at a stage, in the caller's step: each id must be an upload of this uploader
     * (or an anonymous one) not used yet; otherwise the whole step is refused with a 400 on {@code field} and
     * nothing of it is stored.
     */
    public List<String> attach(List<String> ids, String requestId, Photo.Stage stage, String uploader, String field) {
        return attach(ids, requestId, stage, uploader, false, field);
    }

    /**
     * As {@link #attach(List, String, Photo.Stage, String, String)}; {@code anonymous}: the photos of an anonymous
     * report forget who uploaded them, as the report forgets its reporter. Returns the ids attached (empty for none).
     */
    public List<String> attach(List<String> ids, String requestId, Photo.Stage stage, String uploader,
                               boolean anonymous, String field) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        if (new LinkedHashSet<>(ids).size() != ids.size()) {
            throw ProblemException.badField(field, "a photo is listed twice");
        }
        int attached = photos.attach(ids, requestId, stage, uploader, anonymous, Instant.now());
        if (attached != ids.size()) {
            throw ProblemException.badField(field, "unknown photo, or one already used: upload each photo "
                    + "(POST /api/photos) and use its id once");
        }
        return ids;
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
