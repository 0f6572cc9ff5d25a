package io.github.procorecdi.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 for fault injection: forwards to a target, and can {@link #cut} every connection
 * (and refuse new ones) for a while, as a database restart or a network partition does; or, as a black hole,
 * accept and read requests and never forward or answer them.
 */
final class FaultProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final boolean blackHole;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile long refuseUntil;
    private volatile boolean closed;

    private FaultProxy(int targetPort, boolean blackHole) throws IOException {
        this.server = new ServerSocket();
        this.server.bind(new InetSocketAddress("127.0.0.1", 0));
        this.targetPort = targetPort;
        this.blackHole = blackHole;
        Thread acceptor = new Thread(this::accept, "fault-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static FaultProxy to(int targetPort) throws IOException {
        return new FaultProxy(targetPort, false);
    }

    static FaultProxy blackHole() throws IOException {
        return new FaultProxy(0, true);
    }

    int port() {
        return server.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    /** Drops every open connection and refuses new ones for {@code outage}. */
    void cut(Duration outage) {
        refuseUntil = System.currentTimeMillis() + outage.toMillis();
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (System.currentTimeMillis() < refuseUntil) {
                closeQuietly(client);
                continue;
            }
            open.add(client);
            if (blackHole) {
                daemon(() -> pump(client, null));
                continue;
            }
            try {
                Socket upstream = new Socket("127.0.0.1", targetPort);
                open.add(upstream);
                daemon(() -> pump(client, upstream));
                daemon(() -> pump(upstream, client));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to == null ? OutputStream.nullOutputStream() : to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // cut, or closed by a side
        } finally {
            closeQuietly(from);
            if (to != null) {
                closeQuietly(to);
            }
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            closeQuietly(s);
        }
    }
}
