package org.gridloop.reportin.rest;

import org.gridloop.reportin.domain.Department;

/** A department of the directory. */
public record DepartmentView(String code, String nameZh, String nameEn, String unit, String kind) {

    public static DepartmentView of(Department d) {
        return new DepartmentView(d.code, d.nameZh, d.nameEn, d.unit, d.kind);
    }
}
