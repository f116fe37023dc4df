package org.gridloop.contracts;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The categories a resident can choose (also the Open311 service codes), with their names: shared, so every service
 * (and a report) names a category alike. Which of them the grid handles itself
 * and which go to departments is not decided here but in the routing decision table of bpmn/.
 */
public enum Category {
    ROAD_DAMAGE("road-damage", "道路破损", "Damaged road or pavement", "infrastructure"),
    STREET_LIGHT("street-light", "路灯故障", "Street light out", "infrastructure"),
    GARBAGE("garbage", "垃圾堆放", "Garbage or litter", "environment"),
    ILLEGAL_PARKING("illegal-parking", "违章停车", "Illegal parking", "order"),
    WATER_LEAK("water-leak", "供水漏水", "Water main leak", "utilities"),
    SEWER_BLOCKAGE("sewer-blockage", "下水道堵塞", "Blocked sewer", "utilities"),
    NOISE("noise", "噪音扰民", "Noise nuisance", "order"),
    ILLEGAL_CONSTRUCTION("illegal-construction", "违章建筑", "Illegal construction", "complex"),
    GAS_SMELL("gas-smell", "燃气异味", "Smell of gas", "emergency"),
    FALLEN_TREE("fallen-tree", "树木倒伏", "Fallen tree", "environment"),
    NEIGHBOUR_DISPUTE("neighbour-dispute", "邻里纠纷", "Dispute between neighbours", "community"),
    OTHER("other", "其他", "Other problem", "general");

    private final String code;
    private final String nameZh;
    private final String nameEn;
    private final String group;

    Category(String code, String nameZh, String nameEn, String group) {
        this.code = code;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.group = group;
    }

    public String code() {
        return code;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    public String group() {
        return group;
    }

    public static Optional<Category> byCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(Category::code).toList();
    }
}
