package org.gridloop.intake.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.intake.domain.Category;
import org.gridloop.intake.domain.PersonalData;
import org.gridloop.intake.domain.RequestStatus;
import org.gridloop.intake.domain.ServiceRequest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The city's privacy policy for public output ({@link IntakeConfig.Publication}): which requests may appear at all,
 * and what of them. Every public view of a request is built by {@link #publish}; nothing else reads a request for
 * the public.
 */
@ApplicationScoped
public class PublicationPolicy {

    /** Never published, whatever the city configures. */
    public static final Set<RequestStatus> NEVER_PUBLISHED = Set.of(RequestStatus.REJECTED);

    private final IntakeConfig.Publication config;
    private final Set<String> sensitive;

    PublicationPolicy(IntakeConfig.Publication config) {
        List<String> unknown = config.sensitiveCategories().stream().map(String::strip)
                .filter(c -> Category.byCode(c).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("gridloop.publication.sensitive-categories: unknown category codes "
                    + unknown + "; the codes are " + Category.codes());
        }
        this.config = config;
        this.sensitive = Set.copyOf(config.sensitiveCategories().stream().map(String::strip).toList());
    }

    /**
     * What a public reader may see of a request.
     *
     * @param description the description, masked, or null where the city publishes none
     * @param note        the handlers' note and reasons, masked, or null where the city publishes none
     * @param address     the address as given, or null for an anonymous report
     * @param mediaUrl    the first photo (a link the reporter gave, else the first photo kept with the report), or
     *                    null unless the reporter allowed publishing it
     */
    public record PublicRequest(ServiceRequest request, String description, String note, double latitude,
                                double longitude, String address, String mediaUrl) {
    }

    /** Categories that never appear in public output. */
    public Set<String> sensitiveCategories() {
        return sensitive;
    }

    public boolean publishable(ServiceRequest r) {
        return !sensitive.contains(r.category) && !NEVER_PUBLISHED.contains(r.status);
    }

    /** The public view of a request that is {@link #publishable}, without photos kept by the system. */
    public PublicRequest publish(ServiceRequest r) {
        return publish(r, null);
    }

    /**
     * The public view of a request that is {@link #publishable}.
     *
     * @param keptPhotoUrl the public address of the first photo kept with the report, or null
     */
    public PublicRequest publish(ServiceRequest r, String keptPhotoUrl) {
        if (!publishable(r)) {
            throw new IllegalArgumentException("request " + r.id + " is not publishable");
        }
        // the reporter's name as given, and any name the description introduces, masked in every text
        List<String> names = new ArrayList<>(PersonalData.namesIntroducedIn(r.description));
        names.add(r.contactName);
        String description = config.descriptions() == IntakeConfig.Publication.TextRule.HIDDEN ? null
                : PersonalData.mask(r.description, names);
        String note = config.notes() == IntakeConfig.Publication.TextRule.HIDDEN ? null
                : PersonalData.mask(r.statusNote, names);
        List<String> photos = r.photoUrls == null ? List.of() : r.photoUrls;
        String media = !r.photosPublic ? null : !photos.isEmpty() ? photos.get(0) : keptPhotoUrl;
        if (r.anonymous) {
            return new PublicRequest(r, description, note, coarse(r.latitude), coarse(r.longitude), null, media);
        }
        return new PublicRequest(r, description, note, r.latitude, r.longitude, r.address, media);
    }

    private double coarse(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(config.coarseDecimals(), RoundingMode.HALF_UP).doubleValue();
    }
}
