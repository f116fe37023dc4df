package org.gridloop.simulator;

import org.gridloop.infra.DemoUser;
import org.gridloop.infra.JwtIssuer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated city: the sample grids (deploy/grids/demo-city.geojson), the categories, where problems are, and the
 * people acting with their bearer tokens. With a {@link JwtIssuer} (bench and scale: the simulator started the
 * stack) anyone can be minted; with a tokens.env (demo against a running stack) only the demo users exist.
 */
final class City {

    /** A grid cell of the sample city: its 15-digit code and bounding box (the cells are rectangles). */
    record Grid(String code, double lonMin, double lonMax, double latMin, double latMax) {
        boolean contains(double lon, double lat) {
            return lon > lonMin && lon < lonMax && lat > latMin && lat < latMax;
        }
    }

    static final List<Grid> GRIDS = List.of(
            new Grid("110105001001001", 116.44, 116.45, 39.90, 39.91),
            new Grid("110105001001002", 116.45, 116.46, 39.90, 39.91),
            new Grid("110105002001001", 116.46, 116.47, 39.90, 39.91),
            new Grid("110105001002001", 116.44, 116.46, 39.91, 39.92),
            new Grid("110105002001002", 116.46, 116.47, 39.91, 39.92));

    static final List<String> CATEGORIES = List.of("road-damage", "street-light", "garbage", "illegal-parking",
            "water-leak", "sewer-blockage", "noise", "illegal-construction", "gas-smell", "fallen-tree",
            "neighbour-dispute", "other");

    static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("road-damage", "人行道地砖松动破损，老人容易绊倒"),
            Map.entry("street-light", "小区北门路灯不亮已经三天"),
            Map.entry("garbage", "垃圾桶满溢，周边堆放建筑垃圾"),
            Map.entry("illegal-parking", "消防通道被私家车长期占用"),
            Map.entry("water-leak", "楼前水管爆裂，水流到路面"),
            Map.entry("sewer-blockage", "下水道堵塞，雨后积水严重"),
            Map.entry("noise", "夜间施工噪音扰民"),
            Map.entry("illegal-construction", "楼顶私搭乱建彩钢房"),
            Map.entry("gas-smell", "楼道里有明显燃气味"),
            Map.entry("fallen-tree", "大风后树木倒伏压在人行道上"),
            Map.entry("neighbour-dispute", "楼上邻居长期漏水，协商未果"),
            Map.entry("other", "共享单车乱停放堵塞出入口"));

    /** Lattice spacing: about 72 m both ways at this latitude, so distinct points are never merged (radius 50 m). */
    private static final double LAT_STEP = 0.00065;
    private static final double LON_STEP = 0.00085;

    private final Scenario scenario;
    private final JwtIssuer issuer;
    private final Map<String, String> demoTokens;
    private final List<Grid> grids;
    private final Map<String, List<double[]>> points = new HashMap<>();
    private final Map<String, Integer> nextPoint = new HashMap<>();
    private final Map<String, double[]> lastPoint = new HashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private City(Scenario scenario, JwtIssuer issuer, Map<String, String> demoTokens) {
        this.scenario = scenario;
        this.issuer = issuer;
        this.demoTokens = demoTokens;
        this.grids = GRIDS.subList(0, scenario.grids);
        Random random = new Random(scenario.seed);
        for (String category : CATEGORIES) {
            List<double[]> lattice = new ArrayList<>();
            for (double lat = 39.90 + LAT_STEP / 2; lat < 39.92; lat += LAT_STEP) {
                for (double lon = 116.44 + LON_STEP / 2; lon < 116.47; lon += LON_STEP) {
                    double la = Math.round(lat * 1e6) / 1e6;
                    double lo = Math.round(lon * 1e6) / 1e6;
                    if (grids.stream().anyMatch(g -> g.contains(lo, la) && Math.abs(lo - g.lonMin) > 0.0002
                            && Math.abs(lo - g.lonMax) > 0.0002 && Math.abs(la - g.latMin) > 0.0002
                            && Math.abs(la - g.latMax) > 0.0002)) {
                        lattice.add(new double[]{lo, la});
                    }
                }
            }
            Collections.shuffle(lattice, random);
            points.put(category, lattice);
        }
    }

    /** Bench and scale: the simulator holds the signing key, so it mints whoever it needs. */
    static City minting(Scenario scenario, JwtIssuer issuer) {
        return new City(scenario, issuer, Map.of());
    }

    /** Demo against a running stack: the demo users' tokens from tokens.env ({@code export TOKEN_ALICE=...}). */
    static City fromTokensFile(Scenario scenario, Path tokensEnv) throws IOException {
        Map<String, String> tokens = new HashMap<>();
        for (String line : Files.readAllLines(tokensEnv)) {
            String l = line.strip();
            if (l.startsWith("export ")) {
                l = l.substring(7);
            }
            int eq = l.indexOf('=');
            if (eq > 0) {
                tokens.put(l.substring(0, eq), l.substring(eq + 1).replace("\"", "").replace("'", ""));
            }
        }
        return new City(scenario, null, tokens);
    }

    Optional<String> env(String name) {
        return Optional.ofNullable(demoTokens.get(name));
    }

    List<Grid> grids() {
        return grids;
    }

    /** The next location for a report of this category: a fresh lattice point, or (duplicate) the last one again. */
    synchronized double[] location(String category, boolean duplicate) {
        double[] last = lastPoint.get(category);
        if (duplicate && last != null) {
            return last;
        }
        List<double[]> lattice = points.get(category);
        int i = nextPoint.merge(category, 1, Integer::sum) - 1;
        double[] p = lattice.get(i % lattice.size());
        lastPoint.put(category, p);
        return p;
    }

    // --- people ------------------------------------------------------------------------------------------------

    /** A bearer token for a person, or empty when that person does not exist in this city. */
    private Optional<String> token(DemoUser user) {
        if (issuer != null) {
            return Optional.of(tokens.computeIfAbsent(user.username(), u -> issuer.token(user, Duration.ofHours(12))));
        }
        return Optional.ofNullable(demoTokens.get("TOKEN_" + user.username().toUpperCase()));
    }

    record Person(String name, String token) {
    }

    private Optional<Person> person(DemoUser user) {
        return token(user).map(t -> new Person(user.username(), t));
    }

    Optional<Person> resident(int n) {
        if (issuer == null) {
            return person(n % 2 == 0 ? DemoUser.RESIDENT : DemoUser.RESIDENT_2);
        }
        int i = Math.floorMod(n, Math.max(1, scenario.residents));
        return person(new DemoUser("sim-resident-" + i, "居民 " + i, Set.of("resident"), List.of(), null, null));
    }

    Optional<Person> worker(String grid) {
        if (issuer == null) {
            for (DemoUser u : List.of(DemoUser.GRID_WORKER, DemoUser.GRID_WORKER_2)) {
                if (u.grids().contains(grid)) {
                    return person(u);
                }
            }
            return Optional.empty();
        }
        return person(new DemoUser("sim-worker-" + grid, "网格员 " + grid.substring(12), Set.of("grid-worker"),
                List.of(grid), null, grid.substring(0, 12)));
    }

    Optional<Person> department(String code) {
        if (!scenario.staffed(code)) {
            return Optional.empty();
        }
        if (issuer == null) {
            for (DemoUser u : List.of(DemoUser.WATER, DemoUser.URBAN, DemoUser.HOUSING, DemoUser.DISTRICT_OFFICE)) {
                if (code.equals(u.department())) {
                    return person(u);
                }
            }
            return Optional.empty();
        }
        return person(new DemoUser("sim-dept-" + code, "部门 " + code, Set.of("department"), List.of(), code, null));
    }

    /** A supervisor whose unit is this unit or above it. */
    Optional<Person> supervisor(String unit) {
        if (issuer == null) {
            DemoUser best = null;
            for (DemoUser u : List.of(DemoUser.STREET_SUPERVISOR, DemoUser.STREET_SUPERVISOR_2,
                    DemoUser.DISTRICT_SUPERVISOR, DemoUser.CITY_SUPERVISOR)) {
                String prefix = u.unit().length() == 6 && u.unit().endsWith("00") ? u.unit().substring(0, 4) : u.unit();
                if (unit.startsWith(prefix) && (best == null || u.unit().length() > best.unit().length())) {
                    best = u;
                }
            }
            return best == null ? Optional.empty() : person(best);
        }
        return person(new DemoUser("sim-supervisor-" + unit, "督办 " + unit, Set.of("supervisor"), List.of(), null,
                unit));
    }

    /** The district supervisor (for KPI and audit queries). */
    Optional<Person> districtSupervisor() {
        return issuer == null ? person(DemoUser.DISTRICT_SUPERVISOR) : supervisor("110105");
    }
}
