package org.gridloop.intake.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.intake.domain.Photo;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;

/** The photos ({@code photo}): stored by an upload, attached in a step's transaction, read by the case pages. */
@ApplicationScoped
public class Photos {

    private static final String META = "id, request_id, stage, content_type, width, height, size_bytes, uploader, "
            + "uploaded_at, attached_at";

    private final Sql sql;
    private final String table;

    Photos(Sql sql, DatabaseConfig database) {
        this.sql = sql;
        this.table = database.schema() + ".photo";
    }

    public void add(Photo photo, byte[] data, byte[] thumbnail) {
        sql.update("INSERT INTO " + table + " (id, content_type, width, height, size_bytes, data, thumbnail, uploader, "
                        + "uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", photo.id(), photo.contentType(),
                photo.width(), photo.height(), photo.bytes(), data, thumbnail, photo.uploader(), photo.uploadedAt());
    }

    /**
     * Attaches uploads to a request at a stage, in the step's transaction: only uploads not attached yet, and only
     * the uploader's own (an anonymous upload by whoever holds its id). Returns how many were attached.
     */
    public int attach(List<String> ids, String requestId, Photo.Stage stage, String uploader, Instant at) {
        if (ids.isEmpty()) {
            return 0;
        }
        return sql.update("UPDATE " + table + " SET request_id = ?, stage = ?, attached_at = ? WHERE id = ANY(?) "
                + "AND request_id IS NULL AND (uploader IS NULL OR uploader = ?)", requestId, stage, at, ids, uploader);
    }

    /** A request's photos, in the order they were attached. */
    public List<Photo> of(String requestId) {
        return sql.list("SELECT " + META + " FROM " + table + " WHERE request_id = ? ORDER BY attached_at, id",
                Photos::meta, requestId);
    }

    /** The photos of several requests (a page of tasks) in one query, by request. */
    public Map<String, List<Photo>> of(Collection<String> requestIds) {
        if (requestIds.isEmpty()) {
            return Map.of();
        }
        return sql.list("SELECT " + META + " FROM " + table + " WHERE request_id = ANY(?) ORDER BY attached_at, id",
                Photos::meta, List.copyOf(requestIds)).stream()
                .collect(Collectors.groupingBy(Photo::requestId, LinkedHashMap::new, Collectors.toList()));
    }

    public Optional<Photo> meta(String id) {
        return sql.one("SELECT " + META + " FROM " + table + " WHERE id = ?", Photos::meta, id);
    }

    /** The photo's bytes, or its thumbnail's. */
    public Optional<byte[]> bytes(String id, boolean thumbnail) {
        return sql.one("SELECT " + (thumbnail ? "thumbnail" : "data") + " AS b FROM " + table + " WHERE id = ?",
                row -> row.getBytes("b"), id);
    }

    /** Deletes uploads never attached that are older than {@code before}; returns how many. */
    public int pruneUnattached(Instant before) {
        return sql.update("DELETE FROM " + table + " WHERE request_id IS NULL AND uploaded_at < ?", before);
    }

    private static Photo meta(ResultSet row) throws SQLException {
        String stage = row.getString("stage");
        return new Photo(row.getString("id"), row.getString("request_id"), stage == null ? null
                : Photo.Stage.valueOf(stage), row.getString("content_type"), row.getInt("width"),
                row.getInt("height"), row.getInt("size_bytes"), row.getString("uploader"),
                Sql.instant(row, "uploaded_at"), Sql.instant(row, "attached_at"));
    }
}
