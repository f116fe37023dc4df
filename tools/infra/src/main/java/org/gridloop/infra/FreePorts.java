package org.gridloop.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port for a process to listen on, picked below the kernel's ephemeral range: a port the kernel handed out with
 * {@code new ServerSocket(0)} comes from that range, so between the pick and the listener's bind an outgoing
 * connection (a Kafka client, a JDBC connection) can take it as its local port, and the service then fails to start
 * ("port in use": a clean-clone CI run saw grid-intake exit so on 2026-12-06). Below the range only listeners compete,
 * and a port one holds is skipped.
 */
public final class FreePorts {

    /** The lowest port picked: above the well-known and most registered services' ports. */
    static final int LOWEST = 20_000;

    private FreePorts() {
    }

    /** A port nothing listens on now, outside the ephemeral range (the kernel's pick if that range leaves no room). */
    public static int pick() throws IOException {
        int below = ephemeralRangeStart(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
        if (below - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < 100; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
                if (free(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The first port of the ephemeral range (Linux's default 32768 when the file is not there or unreadable). */
    static int ephemeralRangeStart(Path rangeFile) {
        // read as a line: Files.readString trusts the size a /proc file reports, and on this kernel read "3"
        try (var reader = Files.newBufferedReader(rangeFile)) {
            String[] range = reader.readLine().trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
