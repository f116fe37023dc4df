package org.gridloop.infra;

import java.util.List;
import java.util.Set;

/**
 * A person of the demo city. Unit and grid codes follow the 15-digit unit grid code of 数字化城管:
 * district (6) + street (3) + community (3) + grid (3). A unit sees everything whose code starts with its own.
 */
public record DemoUser(String username, String displayName, Set<String> roles, List<String> grids,
                       String department, String unit) {

    public static final DemoUser RESIDENT = new DemoUser("alice", "Alice 王", Set.of("resident"), List.of(), null, null);
    public static final DemoUser RESIDENT_2 = new DemoUser("bob", "Bob 张", Set.of("resident"), List.of(), null, null);
    public static final DemoUser GRID_WORKER = new DemoUser("wang", "网格员 王", Set.of("grid-worker"),
            List.of("110105001001001", "110105001001002"), null, "110105001001");
    public static final DemoUser GRID_WORKER_2 = new DemoUser("li", "网格员 李", Set.of("grid-worker"),
            List.of("110105002001001"), null, "110105002001");
    public static final DemoUser WATER = new DemoUser("zhao", "水务 赵", Set.of("department"), List.of(), "water", null);
    public static final DemoUser URBAN = new DemoUser("chen", "城管 陈", Set.of("department"), List.of(),
            "urban-management", null);
    public static final DemoUser HOUSING = new DemoUser("zhou", "住建 周", Set.of("department"), List.of(), "housing", null);
    public static final DemoUser DISTRICT_OFFICE = new DemoUser("wu", "区城运中心 吴", Set.of("department"), List.of(),
            "district-110105", null);
    public static final DemoUser STREET_SUPERVISOR = new DemoUser("liu", "建外街道 刘", Set.of("supervisor"), List.of(),
            null, "110105001");
    public static final DemoUser STREET_SUPERVISOR_2 = new DemoUser("he", "呼家楼街道 何", Set.of("supervisor"), List.of(),
            null, "110105002");
    public static final DemoUser DISTRICT_SUPERVISOR = new DemoUser("sun", "朝阳区 孙", Set.of("supervisor"), List.of(),
            null, "110105");
    public static final DemoUser CITY_SUPERVISOR = new DemoUser("qian", "市级 钱", Set.of("supervisor"), List.of(),
            null, "110100");
    public static final DemoUser ADMIN = new DemoUser("admin", "管理员", Set.of("admin"), List.of(), null, null);

    public static List<DemoUser> all() {
        return List.of(RESIDENT, RESIDENT_2, GRID_WORKER, GRID_WORKER_2, WATER, URBAN, HOUSING, DISTRICT_OFFICE,
                STREET_SUPERVISOR, STREET_SUPERVISOR_2, DISTRICT_SUPERVISOR, CITY_SUPERVISOR, ADMIN);
    }
}
