package org.gridloop.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a Kubernetes Service or a load balancer is in front of a service's replicas, for the local stack: one port
 * whose TCP connections go round-robin to the instances. A connection an instance refuses (it is stopped, or
 * restarting) goes to the next one, as a balancer with health checks would. A connection already open to an
 * instance that stops is closed with it: the client sees that, as it would in production.
 */
final class Balancer implements AutoCloseable {

    private final String name;
    private final ServerSocket server;
    private final List<Integer> backends;
    private final AtomicInteger next = new AtomicInteger();
    /** Two threads per open connection (one each way), daemon: a connection is a few per simulated person. */
    private final ExecutorService threads;
    private volatile boolean open = true;

    Balancer(String name, int port, List<Integer> backendPorts) throws IOException {
        this.name = name;
        this.backends = List.copyOf(backendPorts);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "balancer-" + name);
            t.setDaemon(true);
            return t;
        });
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        Thread accept = new Thread(this::accept, "balancer-" + name);
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private void serve(Socket client) {
        Socket backend = connect();
        if (backend == null) {
            close(client);
            return;
        }
        Future<?> up = threads.submit(() -> pipe(client, backend));
        pipe(backend, client);
        try {
            up.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // pipe() handles its own failures
        }
    }

    /** The next instance that accepts the connection, or null when none does. */
    private Socket connect() {
        int n = backends.size();
        int first = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            int port = backends.get((first + i) % n);
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setTcpNoDelay(true);
                return socket;
            } catch (IOException refused) {
                close(socket);
            }
        }
        return null;
    }

    private static void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // one side went away: both are closed below
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        open = false;
        threads.shutdownNow();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
