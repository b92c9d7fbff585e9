package dev.gauntlet.harness.kind.nginx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import dev.gauntlet.harness.kind.LogTail;
import dev.gauntlet.harness.kind.ViewSink;
import dev.gauntlet.harness.kind.ViewSource;
import dev.gauntlet.report.run.ViewEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nginx's view of its servers, read from its logs: nginx open source has no API and logs nothing when a server
 * comes back, so
 * <ul>
 *   <li><b>unusable</b> at each error-log line {@code upstream server temporarily disabled} (written when a
 *       failure brings a server's fail count to {@code max_fails}). The line's stamp has one-second resolution;
 *       the event is stamped {@code min(end of that second, when we read the line)} (the log is polled every
 *       20 ms), so it is never early and at most 1 s late. The cause ({@code refused}, {@code timeout},
 *       {@code reset}) is the error line the same connection ({@code *N}) logged just before.</li>
 *   <li><b>usable</b> again when the access log shows a request that started after the disabling second and
 *       got an answer from that server, ending after the server's {@code fail_timeout} ran out: nginx resets a
 *       server's fail count exactly then ({@code accessed < checked} in
 *       {@code ngx_http_upstream_free_round_robin_peer}, nginx 1.22.1 src/http/ngx_http_upstream_round_robin.c).
 *       Stamped with the access log's {@code $msec} (ms resolution, at the request's end).</li>
 * </ul>
 *
 * <pre>{@code
 * try (NginxLogView view = NginxLogView.start(runDir, "api", translation, sink, endpointIds)) {
 *     view.awaitAllUsable(3, Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class NginxLogView implements ViewSource {

    /** The error log's stamps are whole seconds. */
    public static final long RESOLUTION_US = 1_000_000;
    private static final long POLL_NANOS = 20_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
    private static final Pattern ERROR_LINE = Pattern.compile(
            "^(\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}) \\[(\\w+)\\] \\d+#\\d+: \\*(\\d+) (.*?)(?:, client: .*?)?"
                    + "(?:, upstream: \"\\w+://([^/\"]+)[^\"]*\")?(?:, host: .*)?$");

    /** One server as the view knows it. */
    private static final class Server {
        final String cluster;
        final String id;
        volatile boolean usable;
        long disabledSecond = Long.MIN_VALUE;

        Server(String cluster, String id, boolean usable) {
            this.cluster = cluster;
            this.id = id;
            this.usable = usable;
        }
    }

    private final Map<String, Server> byAddress = new LinkedHashMap<>();
    private final Map<String, Boolean> usable = new ConcurrentHashMap<>();
    private final Map<String, String> lastErrorByConnection = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 4096;
        }
    };
    private final NginxTranslation translation;
    private final ViewSink sink;
    private final Clock clock;
    private final Object changed = new Object();
    private Thread reader;
    private volatile boolean closing;

    NginxLogView(NginxTranslation translation, ViewSink sink, java.util.function.UnaryOperator<String> endpointIds,
                 Clock clock) {
        this.translation = translation;
        this.sink = sink;
        this.clock = clock;
        for (NginxTranslation.Cluster c : translation.clusters()) {
            for (NginxTranslation.Server s : c.servers()) {
                Server server = new Server(c.name(), endpointIds.apply(s.name()), !s.down());
                byAddress.put(s.address(), server);
            }
        }
    }

    /** Writes the snapshot (every server usable but those marked {@code down}: nginx starts with no failures) and starts tailing. */
    static NginxLogView start(Path runDir, NginxTranslation translation, ViewSink sink,
                              java.util.function.UnaryOperator<String> endpointIds) {
        NginxLogView view = new NginxLogView(translation, sink, endpointIds, Micros.MONOTONIC);
        view.snapshot(Micros.now(view.clock));
        LogTail errors = new LogTail(runDir.resolve(NginxConfRenderer.ERROR_LOG));
        LogTail access = new LogTail(runDir.resolve(NginxConfRenderer.ACCESS_LOG));
        view.reader = new Thread(() -> view.follow(errors, access), "view-nginx-logs");
        view.reader.setDaemon(true);
        view.reader.start();
        return view;
    }

    void snapshot(long nowUs) {
        for (Server s : byAddress.values()) {
            usable.put(s.id, s.usable);
            sink.accept(event(nowUs, s, s.usable ? "healthy" : "down", s.usable ? List.of() : List.of("config_down"),
                    "snapshot", null, null));
        }
    }

    private void follow(LogTail errors, LogTail access) {
        boolean blind = false;
        while (!closing) {
            try {
                for (String line : errors.poll()) {
                    onErrorLine(line, Micros.now(clock));
                }
                for (String line : access.poll()) {
                    onAccessLine(line);
                }
                if (blind) {
                    blind = false;
                    snapshotAfterGap();
                }
            } catch (IOException e) {
                if (!blind) {
                    sink.gap(Micros.now(clock), "cannot read nginx's logs: " + e.getMessage());
                    blind = true;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private void snapshotAfterGap() {
        long now = Micros.now(clock);
        for (Server s : byAddress.values()) {
            sink.accept(event(now, s, s.usable ? "healthy" : "ejected", List.of(), "snapshot", null, null));
        }
    }

    /** One error-log line, read at {@code readUs}. */
    void onErrorLine(String line, long readUs) {
        Matcher m = ERROR_LINE.matcher(line);
        if (!m.matches()) {
            return;
        }
        String connection = m.group(3);
        String message = m.group(4);
        String address = m.group(5);
        if (!message.startsWith("upstream server temporarily disabled")) {
            String cause = cause(message);
            if (cause != null) {
                lastErrorByConnection.put(connection, cause);
            }
            return;
        }
        Server s = address == null ? null : byAddress.get(address);
        if (s == null) {
            return;
        }
        long second = LocalDateTime.parse(m.group(1), STAMP).toEpochSecond(ZoneOffset.UTC);
        s.disabledSecond = second;
        if (!s.usable) {
            return; // a trial after fail_timeout failed again: still unusable, nothing changed
        }
        long stamp = Math.min(Micros.fromEpochUs((second + 1) * 1_000_000L), readUs);
        String cause = lastErrorByConnection.getOrDefault(connection, "failure " + message.substring(
                "upstream server temporarily disabled".length()).trim());
        transition(s, false, stamp, "ejected", List.of("failed_outlier_check"), "outlier_ejected", cause
                + "; max_fails=" + translation.maxFails());
    }

    /** One access-log line (the JSON of {@link NginxConfRenderer#ACCESS_FORMAT}). */
    void onAccessLine(String line) {
        JsonNode a;
        try {
            a = JSON.readTree(line);
        } catch (IOException torn) {
            return;
        }
        // compared with nginx's own seconds in nginx's (wall-clock) time; only the event's stamp is converted
        long endEpochUs = Math.round(a.path("t").asDouble() * 1e6);
        long startEpochUs = endEpochUs - Math.round(a.path("rt").asDouble() * 1e6);
        String[] addrs = a.path("ua").asText().split(", | : ");
        String[] statuses = a.path("us").asText().split(", | : ");
        String[] bytes = a.path("ub").asText().split(", | : ");
        for (int i = 0; i < addrs.length; i++) {
            Server s = byAddress.get(addrs[i]);
            if (s == null || s.usable || i >= statuses.length || i >= bytes.length) {
                continue;
            }
            long expiryEpochUs = (s.disabledSecond + translation.failTimeoutS() + 1) * 1_000_000L;
            boolean answered = parse(bytes[i]) > 0 && !countsAsFailure(parse(statuses[i]));
            if (answered && startEpochUs >= s.disabledSecond * 1_000_000L && endEpochUs >= expiryEpochUs) {
                transition(s, true, Micros.fromEpochUs(endEpochUs), "healthy", List.of(), "ejection_expired",
                        "answered " + statuses[i] + " after fail_timeout=" + translation.failTimeoutS() + "s");
            }
        }
    }

    private boolean countsAsFailure(long status) {
        return translation.nextUpstream().contains("http_" + status);
    }

    private static long parse(String n) {
        try {
            return Long.parseLong(n.trim());
        } catch (NumberFormatException dash) {
            return -1;
        }
    }

    /** The cause of a failed try, as ViewEvent's detail words; null for lines that are not a try's failure. */
    static String cause(String message) {
        if (message.contains("(111: Connection refused)")) {
            return "refused";
        }
        if (message.startsWith("upstream timed out")) {
            return "timeout";
        }
        if (message.contains("Connection reset by peer") || message.startsWith("upstream prematurely closed")) {
            return "reset";
        }
        if (message.startsWith("no live upstreams")) {
            return null;
        }
        return message.contains("upstream") ? "error" : null;
    }

    private void transition(Server s, boolean nowUsable, long tUs, String state, List<String> flags, String reason,
                            String detail) {
        s.usable = nowUsable;
        usable.put(s.id, nowUsable);
        sink.accept(event(tUs, s, state, flags, reason, Mechanism.OUTLIER_EJECTION, detail));
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /** A view event; {@code mechanism} and {@code detail} null on snapshots. */
    private static ViewEvent event(long tUs, Server s, String state, List<String> flags, String reason,
                                   Mechanism mechanism, String detail) {
        return new ViewEvent(tUs, s.cluster, s.id, state, state.equals("healthy"), flags, reason,
                mechanism == null ? null : mechanism.id(), detail);
    }

    @Override
    public long resolutionUs() {
        return RESOLUTION_US;
    }

    @Override
    public String describe() {
        return "nginx error log (\"upstream server temporarily disabled\", 1 s stamps, tailed every 20 ms) and "
                + "access log (a server's first answer after fail_timeout, ms stamps)";
    }

    @Override
    public boolean awaitAllUsable(int endpoints, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (usable.size() < endpoints || usable.containsValue(false)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    @Override
    public Map<String, Boolean> usable() {
        return Map.copyOf(usable);
    }

    @Override
    public void close() {
        closing = true;
        if (reader != null) {
            reader.interrupt();
        }
    }
}
