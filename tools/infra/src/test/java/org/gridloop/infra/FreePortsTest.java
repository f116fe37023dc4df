package org.gridloop.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Ports for listeners come from below the ephemeral range, where outgoing connections never take them. */
class FreePortsTest {

    @Test
    void aPickedPortIsBelowTheEphemeralRangeAndFree() throws Exception {
        int ephemeral = FreePorts.ephemeralRangeStart(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
        for (int i = 0; i < 20; i++) {
            int port = FreePorts.pick();
            assertThat(port).isBetween(FreePorts.LOWEST, ephemeral - 1);
            try (ServerSocket listener = new ServerSocket(port)) {
                assertThat(listener.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void theRangeIsReadFromTheKernelsFileOrTakenAsLinuxsDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ip_local_port_range");
        Files.writeString(file, "40000\t60999\n");
        assertThat(FreePorts.ephemeralRangeStart(file)).isEqualTo(40_000);
        assertThat(FreePorts.ephemeralRangeStart(dir.resolve("missing"))).isEqualTo(32_768);
        Files.writeString(file, "garbage");
        assertThat(FreePorts.ephemeralRangeStart(file)).isEqualTo(32_768);
    }
}
