package dev.tmcp.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a shared server that a test can make unreachable: {@code REFUSE} closes
 * every connection at once, {@code HANG} accepts and never answers. It stands in for stopping a
 * server other work on this machine depends on; to a client the two look the same (connection
 * errors and timeouts). {@link #withholdAnswersTo} forwards requests but keeps back the answers to
 * those that name a marker (a path): the server has done the work, the client never hears of it —
 * the moment a crash hurts most.
 */
public final class PausableProxy implements AutoCloseable {

    public enum Mode { OPEN, REFUSE, HANG, WITHHOLD_ANSWERS }

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.OPEN;
    private volatile byte[] marker = new byte[0];

    public PausableProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(this::acceptLoop);
    }

    /** A proxy in front of {@code url}'s host and port. */
    public static PausableProxy to(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return new PausableProxy(uri.getHost(), uri.getPort());
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on, answers to requests containing {@code marker} (and later ones on their connection) are dropped. */
    public void withholdAnswersTo(String marker) {
        this.marker = marker.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        mode(Mode.WITHHOLD_ANSWERS);
    }

    /** Switches mode; REFUSE and HANG cut every connection in progress. */
    public void mode(Mode next) {
        mode = next;
        if (next == Mode.REFUSE || next == Mode.HANG) {
            sockets.forEach(PausableProxy::closeQuietly);
            sockets.clear();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                switch (mode) {
                    case REFUSE -> closeQuietly(client);
                    case HANG -> sockets.add(client);
                    case OPEN, WITHHOLD_ANSWERS -> Thread.ofVirtual().start(() -> pipe(client));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pipe(Socket client) {
        try {
            Socket upstream = new Socket();
            upstream.connect(new InetSocketAddress(targetHost, targetPort), 2000);
            sockets.add(client);
            sockets.add(upstream);
            java.util.concurrent.atomic.AtomicBoolean marked = new java.util.concurrent.atomic.AtomicBoolean();
            Thread.ofVirtual().start(() -> copy(client, upstream, marked, false));
            copy(upstream, client, marked, true);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void copy(Socket from, Socket to, java.util.concurrent.atomic.AtomicBoolean marked, boolean answers) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!answers && mode == Mode.WITHHOLD_ANSWERS && contains(buffer, n, marker)) {
                    marked.set(true);
                }
                if (answers && mode == Mode.WITHHOLD_ANSWERS && marked.get()) {
                    continue;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // a side closed: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static boolean contains(byte[] buffer, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (buffer[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(PausableProxy::closeQuietly);
    }
}
