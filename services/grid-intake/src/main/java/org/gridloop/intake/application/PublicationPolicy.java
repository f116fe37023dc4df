package org.gridloop.intake.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.Category;
import org.gridloop.intake.domain.PersonalData;
import org.gridloop.intake.domain.Photo;
import org.gridloop.intake.domain.RequestStatus;
import org.gridloop.intake.domain.ServiceRequest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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

    /**
     * The photo a request publishes, if its reporter allowed it: a link they gave ({@code url}), else the first photo
     * kept with the report ({@code keptId}, served at its public address).
     */
    public record PublishedPhoto(String url, String keptId) {
    }

    public Optional<PublishedPhoto> publishedPhoto(ServiceRequest r, List<Photo> kept) {
        if (!r.photosPublic) {
            return Optional.empty();
        }
        if (r.photoUrls != null && !r.photoUrls.isEmpty()) {
            return Optional.of(new PublishedPhoto(r.photoUrls.get(0), null));
        }
        return kept.stream().filter(p -> p.stage() == Photo.Stage.REPORT).findFirst()
                .map(p -> new PublishedPhoto(null, p.id()));
    }

    /** The public view of a request that is {@link #publishable}, without photos kept by the system. */
    public PublicRequest publish(ServiceRequest r) {
        return publish(r, List.of(), id -> null);
    }

    /**
     * The public view of a request that is {@link #publishable}.
     *
     * @param kept     the photos kept with the request
     * @param keptUrl  the public address of a kept photo, by its id
     */
    public PublicRequest publish(ServiceRequest r, List<Photo> kept, Function<String, String> keptUrl) {
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
        String media = publishedPhoto(r, kept).map(p -> p.url() != null ? p.url() : keptUrl.apply(p.keptId()))
                .orElse(null);
        if (r.anonymous) {
            return new PublicRequest(r, description, note, coarse(r.latitude), coarse(r.longitude), null, media);
        }
        return new PublicRequest(r, description, note, r.latitude, r.longitude, r.address, media);
    }

    private double coarse(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(config.coarseDecimals(), RoundingMode.HALF_UP).doubleValue();
    }
}
