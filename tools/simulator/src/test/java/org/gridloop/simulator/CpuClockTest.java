package org.gridloop.simulator;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CpuClockTest {

    @Test
    void processStatFieldsAreCountedFromTheLastParenthesis() {
        // a command name with spaces and ')' in it: splitting the whole line on spaces would shift every field
        String line = "4242 (kafka) (x) y) S 1 4242 4242 0 -1 4194560 18421 5285219 0 812 242 678 70334 12603 20 0 57 0"
                + " 1936 45035520 2680 18446744073709551615 1 1 0 0 0 0 0 4096 1256 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

        CpuClock.ProcessTimes t = CpuClock.parseProcessStat(line);

        assertEquals("kafka) (x) y", t.comm());
        assertEquals(242, t.utime());
        assertEquals(678, t.stime());
        assertEquals(70334, t.cutime());
        assertEquals(12603, t.cstime());
        assertEquals(920, t.own());
        assertEquals(83857, t.withReapedChildren());
    }

    @Test
    void systemStatBusyIsTotalWithoutIdleAndIowaitAndWithoutGuestCountedTwice() {
        String stat = """
                cpu  95179 13 21206 107623 917 5 1803 7 400 20
                cpu0 47000 6 10600 53800 458 2 900 3 200 10
                cpu1 48179 7 10606 53823 459 3 903 4 200 10
                intr 1234 0 0
                ctxt 99
                """;

        CpuClock.BoxTimes b = CpuClock.parseSystemStat(stat);

        assertEquals(95179 + 13 + 21206 + 107623 + 917 + 5 + 1803 + 7, b.total());
        assertEquals(107623, b.idle());
        assertEquals(917, b.iowait());
        assertEquals(118213, b.busy());
    }

    @Test
    void notAStatLine() {
        assertThrows(IllegalArgumentException.class, () -> CpuClock.parseProcessStat("no parentheses here"));
        assertThrows(IllegalArgumentException.class, () -> CpuClock.parseSystemStat("intr 1 2 3\n"));
    }

    @Test
    void ticksBecomeCoreMillisecondsPerPartWithServicesSummed() {
        ProcessHandle any = ProcessHandle.current();
        CpuClock clock = new CpuClock(250).service("grid-intake", any).service("report-in", any).tree("postgres", any);
        CpuClock.Sample from = new CpuClock.Sample(Map.of("grid-intake", 1000L, "report-in", 500L, "postgres", 10L,
                "simulator", 7L, "box", 9000L));
        CpuClock.Sample to = new CpuClock.Sample(Map.of("grid-intake", 1250L, "report-in", 550L, "postgres", 35L,
                "simulator", 7L, "box", 9500L));

        Map<String, Double> ms = clock.coreMs(from, to);

        assertEquals(1200.0, ms.get("services")); // (250 + 50) ticks at 250 per second
        assertEquals(1000.0, ms.get("grid-intake"));
        assertEquals(200.0, ms.get("report-in"));
        assertEquals(100.0, ms.get("postgres"));
        assertEquals(0.0, ms.get("simulator"));
        assertEquals(2000.0, ms.get("box"));
        assertEquals(700.0, ms.get("other")); // 2000 - 1200 - 100 - 0, each service not subtracted twice
        assertEquals(java.util.List.of("services", "grid-intake", "report-in", "postgres", "simulator", "box", "other"),
                java.util.List.copyOf(ms.keySet()));
    }

    @Test
    void aPartMissingFromASampleIsNullAndSoAreTheServices() {
        CpuClock clock = new CpuClock(100).service("grid-intake", ProcessHandle.current());
        Map<String, Double> ms = clock.coreMs(new CpuClock.Sample(Map.of("box", 1L)),
                new CpuClock.Sample(Map.of("grid-intake", 5L, "box", 2L)));

        assertNull(ms.get("grid-intake"));
        assertNull(ms.get("services"));
        assertEquals(10.0, ms.get("box"));
        assertNull(ms.get("other"));
    }

    @Test
    void readsThisJvmFromProc() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux only");
        CpuClock.Sample s = new CpuClock(CpuClock.clockTicks()).tree("me", ProcessHandle.current()).sample();

        assertTrue(s.ticks().get("me") > 0, "this JVM has used CPU to get here");
        assertTrue(s.ticks().get("simulator") > 0);
        assertTrue(s.ticks().get("box") > 0);
    }
}
