package dev.gauntlet.gateway.health;

import dev.gauntlet.gateway.config.HealthCheckConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The real {@link Prober}: a fresh connection per check (so a crashed or firewalled endpoint is seen at
 * the next check rather than hidden behind a pooled connection), {@code Connection: close}, and one
 * deadline covering connect, send and read. Blocking sockets on a small cached pool: checks are rare
 * (per endpoint per interval) and this keeps the timeout exact and the code obvious.
 *
 * <pre>{@code
 * Prober p = new SocketProber(TlsContexts::factory);
 * p.probe(ProbeTarget.plain("127.0.0.1", 8080), hcConfig, outcome -> ...);
 * }</pre>
 */
public final class SocketProber implements Prober, AutoCloseable {
    private static final int MAX_READ = 64 * 1024;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "health-probe");
        t.setDaemon(true);
        return t;
    });
    private final java.util.function.Function<Boolean, SSLSocketFactory> tls;

    /** @param tls gives an SSL socket factory for verify=true/false */
    public SocketProber(java.util.function.Function<Boolean, SSLSocketFactory> tls) {
        this.tls = tls;
    }

    /** One check's outcome and, for a failure, what was seen ({@code refused}, {@code timeout}, {@code status 503}). */
    public record Result(CheckOutcome outcome, String detail) {
        static final Result PASS = new Result(CheckOutcome.PASS, null);

        static Result fail(String detail) {
            return new Result(CheckOutcome.FAIL, detail);
        }
    }

    @Override
    public void probe(ProbeTarget target, HealthCheckConfig config, Consumer<CheckOutcome> done) {
        executor.execute(() -> done.accept(check(target, config)));
    }

    @Override
    public void probe(ProbeTarget target, HealthCheckConfig config, java.util.function.BiConsumer<CheckOutcome, String> done) {
        executor.execute(() -> {
            Result r = result(target, config);
            done.accept(r.outcome(), r.detail());
        });
    }

    /** One synchronous check; public for tests. */
    public CheckOutcome check(ProbeTarget target, HealthCheckConfig config) {
        return result(target, config).outcome();
    }

    /** One synchronous check with what a failure saw; public for tests. */
    public Result result(ProbeTarget target, HealthCheckConfig config) {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.host(), target.port()), remainingMillis(deadline));
            if (config.type() == HealthCheckConfig.Type.TCP && !target.tls()) {
                return Result.PASS;
            }
            Socket s = socket;
            if (target.tls()) {
                SSLSocket ssl = (SSLSocket) tls.apply(target.verify()).createSocket(socket, target.host(), target.port(), true);
                SSLParameters p = ssl.getSSLParameters();
                if (target.sni() != null) {
                    p.setServerNames(List.of(new SNIHostName(target.sni())));
                }
                if (target.verify()) {
                    // Same rule as the data path: a verified certificate must also name the endpoint.
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                }
                ssl.setSSLParameters(p);
                ssl.setSoTimeout(remainingMillis(deadline));
                try {
                    ssl.startHandshake();
                } catch (javax.net.ssl.SSLException e) {
                    return Result.fail("tls error");
                }
                s = ssl;
                if (config.type() == HealthCheckConfig.Type.TCP) {
                    return Result.PASS;
                }
            }
            return http(s, target, config, deadline);
        } catch (java.net.ConnectException e) {
            return Result.fail("refused");
        } catch (java.net.NoRouteToHostException e) {
            return Result.fail("unreachable");
        } catch (java.net.SocketTimeoutException e) {
            return Result.fail("timeout");
        } catch (javax.net.ssl.SSLException e) {
            return Result.fail("tls error");
        } catch (java.net.SocketException e) {
            return Result.fail("reset");
        } catch (IOException | RuntimeException e) {
            return Result.fail("error: " + e.getClass().getSimpleName());
        }
    }

    private Result http(Socket s, ProbeTarget target, HealthCheckConfig config, long deadline) throws IOException {
        String host = config.host() != null ? config.host() : target.host() + ":" + target.port();
        String request = "GET " + config.path() + " HTTP/1.1\r\nHost: " + host
                + "\r\nUser-Agent: gauntlet-health-check\r\nAccept: */*\r\nConnection: close\r\n\r\n";
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
        byte[] chunk = new byte[4096];
        int headerEnd = -1;
        long contentLength = -1;
        boolean needBody = config.expectedBody() != null;
        while (true) {
            s.setSoTimeout(remainingMillis(deadline));
            int n = in.read(chunk);
            if (n < 0) {
                break;
            }
            buf.write(chunk, 0, n);
            if (headerEnd < 0) {
                headerEnd = indexOfHeaderEnd(buf.toByteArray());
                if (headerEnd >= 0) {
                    if (!needBody) {
                        break;
                    }
                    contentLength = contentLength(buf.toString(StandardCharsets.ISO_8859_1).substring(0, headerEnd));
                }
            }
            if (headerEnd >= 0 && contentLength >= 0 && buf.size() - headerEnd - 4 >= contentLength) {
                break;
            }
            if (buf.size() > MAX_READ) {
                break;
            }
        }
        String text = buf.toString(StandardCharsets.ISO_8859_1);
        if (headerEnd < 0) {
            return Result.fail(text.isEmpty() ? "closed without an answer" : "no complete response head");
        }
        String head = text.substring(0, headerEnd);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            return Result.fail("not http");
        }
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (NumberFormatException e) {
            return Result.fail("not http");
        }
        if (config.immediateFailHeader() != null) {
            String wanted = config.immediateFailHeader().toLowerCase(Locale.ROOT) + ":";
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].toLowerCase(Locale.ROOT).startsWith(wanted)) {
                    return new Result(CheckOutcome.IMMEDIATE_FAIL, "immediate fail header, status " + code);
                }
            }
        }
        if (!config.expectedStatuses().contains(code)) {
            return Result.fail("status " + code);
        }
        if (needBody) {
            String body = text.substring(Math.min(text.length(), headerEnd + 4));
            return body.contains(config.expectedBody()) ? Result.PASS : Result.fail("body mismatch");
        }
        return Result.PASS;
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                try {
                    return Long.parseLong(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static int indexOfHeaderEnd(byte[] b) {
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int remainingMillis(long deadline) throws IOException {
        long ms = (deadline - System.nanoTime()) / 1_000_000L;
        if (ms <= 0) {
            throw new java.net.SocketTimeoutException("health check deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
