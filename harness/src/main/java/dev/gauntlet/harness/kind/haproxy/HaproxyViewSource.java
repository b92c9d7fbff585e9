package dev.gauntlet.harness.kind.haproxy;

import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.harness.kind.ViewSink;
import dev.gauntlet.harness.kind.ViewSource;
import dev.gauntlet.report.run.ViewEvent;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * HAProxy's view, read from two places:
 * <pre>
 *   haproxy ──syslog UDP (rfc5424, µs stamp)──► socket bound by the harness before haproxy starts ──► transitions
 *   haproxy ◄──"show servers state" (unix stats socket)── snapshot at connect, then every 500 ms a reconciliation
 * </pre>
 * UDP can drop a line silently, so every poll compares HAProxy's state with what the log said: a difference
 * that lasts two polls (longer than a datagram in flight) is a lost line, written as a gap in the view
 * followed by a fresh snapshot. A stats socket that stops answering (haproxy gone) is a gap too.
 *
 * <pre>{@code try (ViewSource view = new HaproxyViewSource(udp, statsSocket, ids, sink, clock)) { view.awaitAllUsable(3, ...); }}</pre>
 */
final class HaproxyViewSource implements ViewSource {

    static final Duration POLL = Duration.ofMillis(500);
    /**
     * HAProxy stamps the line with the wall clock read at the event-loop wake-up that processed the check's end
     * and schedules checks in whole milliseconds ({@code now_ms} ticks, src/check.c): 1 ms.
     */
    static final long RESOLUTION_US = 1_000;

    private final DatagramSocket udp;
    private final HaproxyStatsSocket stats;
    private final UnaryOperator<String> endpointIds;
    private final ViewSink sink;
    private final Clock clock;
    private final Map<String, Boolean> usable = new ConcurrentHashMap<>();
    /** backend/server → usable as the log (or the last snapshot) says. */
    private final Map<String, Boolean> logged = new ConcurrentHashMap<>();
    private final Map<String, Integer> mismatches = new ConcurrentHashMap<>();
    /** backend/server → what its last check saw (log-health-checks lines), for DOWN/UP lines without a reason. */
    private final Map<String, String> lastCheck = new ConcurrentHashMap<>();
    private final Thread reader;
    private final Thread poller;
    private volatile long snapshotUs;
    private volatile boolean inGap;
    private volatile boolean closing;

    HaproxyViewSource(DatagramSocket udp, HaproxyStatsSocket stats, UnaryOperator<String> endpointIds, ViewSink sink,
                      Clock clock) {
        this.udp = udp;
        this.stats = stats;
        this.endpointIds = endpointIds;
        this.sink = sink;
        this.clock = clock;
        snapshot();
        this.reader = new Thread(this::read, "haproxy-view-log");
        this.poller = new Thread(this::poll, "haproxy-view-poll");
        reader.setDaemon(true);
        poller.setDaemon(true);
        reader.start();
        poller.start();
    }

    @Override
    public long resolutionUs() {
        return RESOLUTION_US;
    }

    @Override
    public String describe() {
        return "haproxy log via syslog socket 127.0.0.1:" + udp.getLocalPort()
                + "/udp (rfc5424 µs stamps of 'Server b/s is UP/DOWN' lines) + 'show servers state' on the stats socket";
    }

    @Override
    public boolean awaitAllUsable(int endpoints, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (usable.size() >= endpoints && usable.values().stream().allMatch(Boolean::booleanValue)) {
                return true;
            }
            Thread.sleep(20); // production polling of the map the reader fills; tests use Awaitility
        }
        return false;
    }

    @Override
    public Map<String, Boolean> usable() {
        return Map.copyOf(usable);
    }

    @Override
    public void close() {
        closing = true;
        udp.close();
        poller.interrupt();
    }

    /** One snapshot line per server: the state HAProxy reports now, stamped when asked. */
    private boolean snapshot() {
        try {
            List<HaproxyStatsSocket.ServerState> servers = stats.serversState();
            long now = Micros.now(clock);
            for (HaproxyStatsSocket.ServerState s : servers) {
                if (s.backend().equals(HaproxyConfigRenderer.NO_ROUTE_BACKEND)) {
                    continue;
                }
                String id = endpointIds.apply(s.server());
                sink.accept(new ViewEvent(now, s.backend(), id, s.usable() ? "healthy" : "unhealthy", s.usable(),
                        s.usable() ? List.of() : List.of("failed_active_hc"), "snapshot"));
                usable.put(id, s.usable());
                logged.put(s.backend() + "/" + s.server(), s.usable());
            }
            snapshotUs = now;
            mismatches.clear();
            inGap = false;
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void read() {
        byte[] buf = new byte[8192];
        while (!closing) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(p);
            } catch (SocketTimeoutException quiet) {
                continue;
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                if (!closing) {
                    sink.gap(Micros.now(clock), "syslog socket: " + e.getMessage());
                }
                return;
            }
            long received = Micros.now(clock);
            String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            HaproxyLogLine.parseCheck(text).ifPresent(c -> lastCheck.put(c.getKey(), c.getValue()));
            HaproxyLogLine.parse(text, received).ifPresent(this::transition);
        }
    }

    private void transition(HaproxyLogLine line) {
        if (line.tUs() <= snapshotUs || inGap) {
            return; // already in the snapshot taken after it, or inside a gap a snapshot will close
        }
        String id = endpointIds.apply(line.server());
        String detail = line.detail() != null ? line.detail() : lastCheck.get(line.backend() + "/" + line.server());
        sink.accept(new ViewEvent(line.tUs(), line.backend(), id, line.state(), line.up(),
                line.up() ? List.of() : List.of(line.mechanism() == dev.gauntlet.harness.kind.DetectionModel.Mechanism.OUTLIER_EJECTION
                        ? "failed_outlier_check" : "failed_active_hc"), line.reason(), line.mechanism().id(), detail));
        usable.put(id, line.up());
        logged.put(line.backend() + "/" + line.server(), line.up());
    }

    private void poll() {
        while (!closing) {
            try {
                Thread.sleep(POLL.toMillis()); // the reconciliation period, stated in the class comment
            } catch (InterruptedException e) {
                return;
            }
            if (inGap) {
                snapshot(); // reopens the view when HAProxy answers again
                continue;
            }
            try {
                for (HaproxyStatsSocket.ServerState s : stats.serversState()) {
                    String key = s.backend() + "/" + s.server();
                    Boolean said = logged.get(key);
                    if (said == null || s.backend().equals(HaproxyConfigRenderer.NO_ROUTE_BACKEND)) {
                        continue;
                    }
                    int n = said == s.usable() ? 0 : mismatches.merge(key, 1, Integer::sum);
                    if (n == 0) {
                        mismatches.remove(key);
                    } else if (n >= 2) {
                        // the change came after the last poll that agreed, up to three periods ago
                        lost(Micros.now(clock) - 3 * POLL.toNanos() / 1_000, "a state change of " + key
                                + " reached the stats socket but not the syslog socket (UDP line lost)");
                        break;
                    }
                }
            } catch (IOException e) {
                if (!closing) {
                    lost(Micros.now(clock), "stats socket: " + e.getMessage());
                }
            }
        }
    }

    private void lost(long fromUs, String why) {
        inGap = true;
        sink.gap(fromUs, why);
        snapshot();
    }
}
