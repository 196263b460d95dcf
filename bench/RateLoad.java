package bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Load at a fixed arrival rate over a fixed set of keep-alive connections, wrk2's model: request i
 * is due at start + i / rate, connection i mod CONNECTIONS sends it, and its latency counts from when
 * it was due, so a server that falls behind cannot hide the queue it builds (no coordinated
 * omission). Plain HTTP/1.1 over blocking sockets keeps the generator's own CPU small beside the
 * servers it measures on the same cores. A warm-up at the same rate is not counted. Each request
 * carries the next token of TOKENS_FILE (one per line) as its bearer.
 *
 * <p>Args: URL RATE_PER_SECOND SECONDS TOKENS_FILE [CONNECTIONS]. Prints one line:
 * {@code sent N ok N failed N p50_ms X p99_ms Y rate_per_s Z}.
 */
public final class RateLoad {

    private static final int WARM_UP_SECONDS = 5;

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        List<String> tokens = Files.readAllLines(Path.of(args[3])).stream().filter(l -> !l.isBlank()).toList();
        int connections = args.length > 4 ? Integer.parseInt(args[4]) : 16;

        run(uri, rate, WARM_UP_SECONDS, tokens, connections);
        Result result = run(uri, rate, seconds, tokens, connections);
        System.out.printf("sent %d ok %d failed %d p50_ms %.2f p99_ms %.2f rate_per_s %.1f%n", result.sent(),
                result.ok(), result.failed(), result.percentile(50), result.percentile(99), result.ok() / (double) seconds);
    }

    private record Result(int sent, int ok, int failed, long[] latencies) {
        double percentile(int p) {
            long[] done = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
            if (done.length == 0) {
                return Double.NaN;
            }
            return done[Math.max(0, (int) Math.ceil(p / 100.0 * done.length) - 1)] / 1e6;
        }
    }

    private static Result run(URI uri, double rate, int seconds, List<String> tokens, int connections)
            throws InterruptedException {
        int total = (int) Math.round(rate * seconds);
        long[] latencies = new long[total];
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime() + 50_000_000L;
        double interval = 1e9 / rate;
        Thread[] workers = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            int first = c;
            workers[c] = Thread.ofPlatform().start(() -> {
                Connection connection = null;
                for (int i = first; i < total; i += connections) {
                    long due = start + (long) (i * interval);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        if (connection == null) {
                            connection = new Connection(uri);
                        }
                        int status = connection.get(tokens.get(i % tokens.size()));
                        if (status < 300) {
                            latencies[i] = Math.max(1, System.nanoTime() - due);
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        if (!connection.open) {
                            connection = Connection.close(connection);
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        connection = Connection.close(connection);
                    }
                }
                Connection.close(connection);
            });
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return new Result(total, ok.get(), failed.get(), latencies);
    }

    /** One keep-alive HTTP/1.1 connection: GET with a bearer, the answer read by length or chunks. */
    private static final class Connection {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] head;
        private final byte[] tail;
        private boolean open = true;

        Connection(URI uri) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            head = ("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAuthorization: Bearer ").getBytes(StandardCharsets.US_ASCII);
            tail = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        }

        int get(String token) throws IOException {
            ByteArrayOutputStream request = new ByteArrayOutputStream(head.length + token.length() + tail.length);
            request.write(head);
            request.write(token.getBytes(StandardCharsets.US_ASCII));
            request.write(tail);
            out.write(request.toByteArray());
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closes = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            open = !closes;
            return code;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        private void skip(long bytes) throws IOException {
            while (bytes > 0) {
                long skipped = in.skip(bytes);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed");
                    }
                    skipped = 1;
                }
                bytes -= skipped;
            }
        }

        static Connection close(Connection connection) {
            if (connection != null) {
                try {
                    connection.socket.close();
                } catch (IOException ignored) {
                    // closing after a failure: nothing more to do
                }
            }
            return null;
        }
    }
}
