package dev.gauntlet.gateway.it;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: closed-loop load through the gateway jar while one of three backends stops and comes back;
 * prints answers by status and flag. {@code java -cp ... dev.gauntlet.gateway.it.ChaosBench 16}
 */
public final class ChaosBench {
    public static void main(String[] args) throws Exception {
        int connections = Integer.parseInt(args[0]);
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b"); TestBackend c = new TestBackend("c")) {
            Path dir = Files.createTempDirectory("chaos");
            try (GatewayProcess gw = GatewayProcess.start(dir, """
                    accessLog: { enabled: false }
                    clusters:
                      - name: api
                        endpoints:
                          - { name: a, address: "%s" }
                          - { name: b, address: "%s" }
                          - { name: c, address: "%s" }
                    """.formatted(a.address(), b.address(), c.address()))) {
                Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
                long end = System.nanoTime() + 8_000_000_000L;
                Thread[] threads = new Thread[connections];
                for (int i = 0; i < connections; i++) {
                    threads[i] = new Thread(() -> load(gw.port, end, outcomes));
                    threads[i].start();
                }
                java.util.concurrent.ScheduledExecutorService faults =
                        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
                faults.schedule(b::stop, 2, java.util.concurrent.TimeUnit.SECONDS);
                faults.schedule(b::restart, 5, java.util.concurrent.TimeUnit.SECONDS);
                for (Thread t : threads) {
                    t.join();
                }
                faults.shutdownNow();
                System.out.println(outcomes);
                System.out.println(Files.readString(dir.resolve("gateway.err")).lines().limit(20).toList());
            }
        }
    }

    private static void load(int port, long end, Map<String, AtomicLong> outcomes) {
        byte[] req = "GET /chaos HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] buf = new byte[16384];
        while (System.nanoTime() < end) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                while (System.nanoTime() < end) {
                    out.write(req);
                    String head = read(in, buf);
                    if (head == null) {
                        outcomes.computeIfAbsent("conn-closed", k -> new AtomicLong()).incrementAndGet();
                        break;
                    }
                    String status = head.substring(9, 12);
                    int f = head.toLowerCase().indexOf("x-gauntlet-flags:");
                    String flag = f < 0 ? "" : " " + head.substring(f + 17, head.indexOf("\r\n", f)).trim();
                    outcomes.computeIfAbsent(status + flag, k -> new AtomicLong()).incrementAndGet();
                }
            } catch (Exception e) {
                outcomes.computeIfAbsent("io-error", k -> new AtomicLong()).incrementAndGet();
            }
        }
    }

    private static String read(InputStream in, byte[] buf) throws Exception {
        int len = 0;
        while (true) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                return null;
            }
            len += n;
            String h = new String(buf, 0, len, StandardCharsets.ISO_8859_1);
            int i = h.indexOf("\r\n\r\n");
            if (i >= 0) {
                int cl = h.toLowerCase().indexOf("content-length:");
                long body = Long.parseLong(h.substring(cl + 15, h.indexOf("\r\n", cl)).trim());
                if (len - i - 4 >= body) {
                    return h.substring(0, i);
                }
            }
        }
    }
}
