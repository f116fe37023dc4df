package org.gridloop.reportin.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A department of the directory: who can be called, and the unit it belongs to (a district, or the city). */
@Entity
@Table(name = "department")
public class Department extends PanacheEntityBase {

    public static final String FUNCTIONAL = "functional";
    public static final String DISTRICT_OFFICE = "district-office";

    @Id
    public String code;

    @Column(name = "name_zh", nullable = false)
    public String nameZh;

    @Column(name = "name_en", nullable = false)
    public String nameEn;

    @Column(nullable = false)
    public String unit;

    @Column(nullable = false)
    public String kind;
}
