package org.gridloop.reportin.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gridloop.reportin.domain.Department;

/** A department's names, for the pages to show it in the reader's language instead of its code. */
@Schema(description = "A department of the directory by its code, with its Chinese and English names")
public record DepartmentNameView(
        @Schema(description = "the code the other endpoints and the events use", example = "water") String code,
        @Schema(description = "the name in Chinese", example = "水务局") String nameZh,
        @Schema(description = "the name in English", example = "Water Authority") String nameEn) {

    public static DepartmentNameView of(Department d) {
        return new DepartmentNameView(d.code, d.nameZh, d.nameEn);
    }
}
