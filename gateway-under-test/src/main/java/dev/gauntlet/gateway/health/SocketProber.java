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

    @Override
    public void probe(ProbeTarget target, HealthCheckConfig config, Consumer<CheckOutcome> done) {
        executor.execute(() -> done.accept(check(target, config)));
    }

    /** One synchronous check; public for tests. */
    public CheckOutcome check(ProbeTarget target, HealthCheckConfig config) {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.host(), target.port()), remainingMillis(deadline));
            if (config.type() == HealthCheckConfig.Type.TCP && !target.tls()) {
                return CheckOutcome.PASS;
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
                ssl.startHandshake();
                s = ssl;
                if (config.type() == HealthCheckConfig.Type.TCP) {
                    return CheckOutcome.PASS;
                }
            }
            return http(s, target, config, deadline);
        } catch (IOException | RuntimeException e) {
            return CheckOutcome.FAIL;
        }
    }

    private CheckOutcome http(Socket s, ProbeTarget target, HealthCheckConfig config, long deadline) throws IOException {
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
            return CheckOutcome.FAIL;
        }
        String head = text.substring(0, headerEnd);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            return CheckOutcome.FAIL;
        }
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (NumberFormatException e) {
            return CheckOutcome.FAIL;
        }
        if (config.immediateFailHeader() != null) {
            String wanted = config.immediateFailHeader().toLowerCase(Locale.ROOT) + ":";
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].toLowerCase(Locale.ROOT).startsWith(wanted)) {
                    return CheckOutcome.IMMEDIATE_FAIL;
                }
            }
        }
        if (!config.expectedStatuses().contains(code)) {
            return CheckOutcome.FAIL;
        }
        if (needBody) {
            String body = text.substring(Math.min(text.length(), headerEnd + 4));
            return body.contains(config.expectedBody()) ? CheckOutcome.PASS : CheckOutcome.FAIL;
        }
        return CheckOutcome.PASS;
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
