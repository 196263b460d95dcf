package dev.tmcp.bridge.it;

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
 * A TCP proxy in front of the shared Synapse that a test can make unreachable: {@code REFUSE}
 * closes every connection at once, {@code HANG} accepts and never answers. It stands in for
 * stopping the homeserver, which other work on this machine depends on; to the bridge the two look
 * the same (connection errors and timeouts).
 */
public final class PausableProxy implements AutoCloseable {

    public enum Mode { OPEN, REFUSE, HANG }

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.OPEN;

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

    public static PausableProxy toSynapse() {
        java.net.URI uri = java.net.URI.create(Synapse.URL);
        return new PausableProxy(uri.getHost(), uri.getPort());
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Switches mode; leaving OPEN cuts every connection in progress. */
    public void mode(Mode next) {
        mode = next;
        if (next != Mode.OPEN) {
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
                    case OPEN -> Thread.ofVirtual().start(() -> pipe(client));
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
            Thread.ofVirtual().start(() -> copy(client, upstream));
            copy(upstream, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
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
