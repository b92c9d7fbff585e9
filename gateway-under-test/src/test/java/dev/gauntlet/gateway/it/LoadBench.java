package dev.gauntlet.gateway.it;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: a closed-loop keep-alive load generator to compare the gateway with direct access.
 * {@code java -cp target/test-classes:target/classes:target/lib/* dev.gauntlet.gateway.it.LoadBench 32 10}
 * starts two backends, the gateway jar as a process (-Xmx128m -XX:+UseSerialGC), and prints rps,
 * latency percentiles and the gateway's peak RSS.
 */
public final class LoadBench {
    public static void main(String[] args) throws Exception {
        int connections = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b")) {
            Path dir = Files.createTempDirectory("bench");
            try (GatewayProcess gw = GatewayProcess.start(dir, """
                    accessLog: { enabled: %s }
                    clusters:
                      - name: api
                        endpoints:
                          - { name: a, address: "%s" }
                          - { name: b, address: "%s" }
                    """.formatted(System.getProperty("accessLog", "true"), a.address(), b.address()))) {
                run("warmup via gateway", gw.port, connections, 3);
                run("direct to backend a", a.port(), connections, seconds);
                run("via gateway", gw.port, connections, seconds);
                if (Boolean.getBoolean("baseline")) {
                    Process base = new ProcessBuilder("java", "-Xmx128m", "-XX:+UseSerialGC", "-cp",
                            System.getProperty("java.class.path"), UndertowProxyBaseline.class.getName(),
                            String.valueOf(a.port()), String.valueOf(b.port())).start();
                    int basePort = Integer.parseInt(new java.io.BufferedReader(new java.io.InputStreamReader(
                            base.getInputStream())).readLine().trim());
                    run("warmup undertow proxy", basePort, connections, 3);
                    run("undertow ProxyHandler", basePort, connections, seconds);
                    base.destroy();
                    base.waitFor();
                }
                String status = Files.readString(Path.of("/proc/" + gw.pid + "/status"));
                status.lines().filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM")).forEach(System.out::println);
            }
        }
    }

    private static void run(String label, int port, int connections, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long[][] lat = new long[connections][];
        Thread[] threads = new Thread[connections];
        for (int i = 0; i < connections; i++) {
            int idx = i;
            threads[i] = new Thread(() -> {
                long[] mine = new long[2_000_000];
                int n = 0;
                byte[] req = "GET /bench HTTP/1.1\r\nHost: bench\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                byte[] buf = new byte[16384];
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        out.write(req);
                        if (!readResponse(in, buf)) {
                            errors.incrementAndGet();
                            break;
                        }
                        if (n < mine.length) {
                            mine[n++] = System.nanoTime() - t0;
                        }
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
                lat[idx] = Arrays.copyOf(mine, n);
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] all = Arrays.stream(lat).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("%-22s %8.0f rps  p50 %.2fms  p99 %.2fms  p999 %.2fms  errors %d%n", label,
                done.get() / (double) seconds, pct(all, 0.50), pct(all, 0.99), pct(all, 0.999), errors.get());
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)] / 1e6;
    }

    /** Reads one response with a Content-Length body. */
    private static boolean readResponse(InputStream in, byte[] buf) throws Exception {
        int len = 0;
        int headerEnd = -1;
        long bodyLen = -1;
        while (true) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                return false;
            }
            len += n;
            if (headerEnd < 0) {
                String h = new String(buf, 0, len, StandardCharsets.ISO_8859_1);
                int i = h.indexOf("\r\n\r\n");
                if (i >= 0) {
                    headerEnd = i + 4;
                    int cl = h.toLowerCase().indexOf("content-length:");
                    bodyLen = Long.parseLong(h.substring(cl + 15, h.indexOf("\r\n", cl)).trim());
                }
            }
            if (headerEnd >= 0 && len - headerEnd >= bodyLen) {
                return true;
            }
        }
    }
}
