package org.gridloop.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time as the kernel accounts it, read from /proc, never from timers in the code: a timer only sees the thread
 * that holds it, the kernel sees every thread of every process (JIT and GC threads, PostgreSQL's background
 * workers). Watches named process trees (each service, PostgreSQL, the broker), the simulator's own JVM and the
 * whole machine; {@link #sample()} reads them all at one moment, {@link #coreMs} turns two samples into CPU
 * milliseconds per part.
 */
final class CpuClock {

    /** Parts every sample has besides the watched trees. */
    static final String SERVICES = "services";
    static final String SIMULATOR = "simulator";
    static final String BOX = "box";
    /** The box less every part above: work the kernel charges to no process (interrupts), other processes. */
    static final String OTHER = "other";

    /** One process from /proc/<pid>/stat, in clock ticks: its own CPU and that of its children it has waited for. */
    record ProcessTimes(String comm, long utime, long stime, long cutime, long cstime) {

        long own() {
            return utime + stime;
        }

        /** Own CPU plus that of exited children: a PostgreSQL backend that ended is in its postmaster's cutime. */
        long withReapedChildren() {
            return utime + stime + cutime + cstime;
        }
    }

    /** The machine from /proc/stat's first "cpu" line, in clock ticks summed over every core. */
    record BoxTimes(long total, long idle, long iowait) {

        long busy() {
            return total - idle - iowait;
        }
    }

    /** Ticks of every part at one moment; a part whose process could not be read is absent. */
    record Sample(Map<String, Long> ticks) {
    }

    private final long ticksPerSecond;
    private final List<String> services = new ArrayList<>();
    private final Map<String, ProcessHandle> trees = new LinkedHashMap<>();

    CpuClock(long ticksPerSecond) {
        this.ticksPerSecond = ticksPerSecond;
    }

    /** A service: its process and descendants, counted on its own and in {@value #SERVICES}. */
    CpuClock service(String name, ProcessHandle process) {
        services.add(name);
        trees.put(name, process);
        return this;
    }

    /** Another process tree counted on its own (PostgreSQL, the broker). */
    CpuClock tree(String name, ProcessHandle root) {
        trees.put(name, root);
        return this;
    }

    long ticksPerSecond() {
        return ticksPerSecond;
    }

    Sample sample() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        trees.forEach((name, root) -> treeTicks(root).ifPresent(t -> ticks.put(name, t)));
        // the simulator's own threads only: its children are the stack under measurement (and pgbench)
        read(Path.of("/proc/self/stat")).ifPresent(t -> ticks.put(SIMULATOR, t.own()));
        try {
            ticks.put(BOX, parseSystemStat(Files.readString(Path.of("/proc/stat"))).busy());
        } catch (IOException | RuntimeException notLinux) {
            // no box figure
        }
        return new Sample(ticks);
    }

    /**
     * CPU milliseconds of each part between two samples, in a fixed order: all services, each service, the other
     * trees, the simulator, the whole box, and what of the box none of them used. A part missing from either sample
     * is null.
     */
    Map<String, Double> coreMs(Sample from, Sample to) {
        Map<String, Double> out = new LinkedHashMap<>();
        double sum = 0;
        boolean all = !services.isEmpty();
        for (String s : services) {
            Double ms = ms(from, to, s);
            all &= ms != null;
            sum += ms == null ? 0 : ms;
        }
        out.put(SERVICES, all ? sum : null);
        for (String name : trees.keySet()) {
            out.put(name, ms(from, to, name));
        }
        out.put(SIMULATOR, ms(from, to, SIMULATOR));
        out.put(BOX, ms(from, to, BOX));
        Double other = out.get(BOX);
        for (Map.Entry<String, Double> part : out.entrySet()) {
            if (other != null && !part.getKey().equals(BOX) && !services.contains(part.getKey())) {
                other = part.getValue() == null ? null : other - part.getValue();
            }
        }
        out.put(OTHER, other);
        return out;
    }

    private Double ms(Sample from, Sample to, String part) {
        Long a = from.ticks().get(part);
        Long b = to.ticks().get(part);
        return a == null || b == null ? null : (b - a) * 1000.0 / ticksPerSecond;
    }

    /**
     * A process and its live descendants, each with its reaped children. The root first: a child that exits and is
     * reaped between the two reads is then missing from this sample (and in the next one's parent cutime), never
     * counted twice.
     */
    static Optional<Long> treeTicks(ProcessHandle root) {
        Optional<ProcessTimes> own = read(root.pid());
        if (own.isEmpty()) {
            return Optional.empty();
        }
        long sum = own.get().withReapedChildren();
        try (Stream<ProcessHandle> descendants = root.descendants()) {
            for (ProcessHandle p : (Iterable<ProcessHandle>) descendants::iterator) {
                sum += read(p.pid()).map(ProcessTimes::withReapedChildren).orElse(0L);
            }
        }
        return Optional.of(sum);
    }

    static Optional<ProcessTimes> read(long pid) {
        return read(Path.of("/proc/" + pid + "/stat"));
    }

    private static Optional<ProcessTimes> read(Path stat) {
        try {
            return Optional.of(parseProcessStat(Files.readString(stat)));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /**
     * Parses /proc/<pid>/stat. The command name (field 2) is in parentheses and may itself contain spaces and ')',
     * so the fields are counted from the last ')'.
     */
    static ProcessTimes parseProcessStat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 > line.length()) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        // f[0] is field 3 (state), so field k (1-based, proc(5)) is f[k - 3]
        String[] f = line.substring(close + 2).strip().split("\\s+");
        return new ProcessTimes(line.substring(open + 1, close), Long.parseLong(f[14 - 3]), Long.parseLong(f[15 - 3]),
                Long.parseLong(f[16 - 3]), Long.parseLong(f[17 - 3]));
    }

    /**
     * Parses /proc/stat's aggregate "cpu" line: user nice system idle iowait irq softirq steal [guest guest_nice].
     * The total is the first eight: guest time is already counted in user and nice.
     */
    static BoxTimes parseSystemStat(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.substring(4).strip().split("\\s+");
                long total = 0;
                for (int i = 0; i < Math.min(8, f.length); i++) {
                    total += Long.parseLong(f[i]);
                }
                return new BoxTimes(total, Long.parseLong(f[3]), f.length > 4 ? Long.parseLong(f[4]) : 0);
            }
        }
        throw new IllegalArgumentException("no aggregate cpu line in /proc/stat");
    }

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100, the usual value, if that cannot be run. */
    static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && out.matches("\\d+") && Long.parseLong(out) > 0 ? Long.parseLong(out) : 100;
        } catch (IOException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** The first process whose command line (its arguments, NUL-separated in /proc/<pid>/cmdline) matches. */
    static Optional<ProcessHandle> findByCommandLine(Predicate<List<String>> matches) {
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"),
                p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                try {
                    String raw = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (matches.test(List.of(raw.split("\0")))) {
                        return ProcessHandle.of(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // exited while we looked, or not ours to read
                }
            }
        } catch (IOException notLinux) {
            // no /proc
        }
        return Optional.empty();
    }
}
