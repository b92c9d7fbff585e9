package dev.gauntlet.harness.kind.haproxy;

import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server state change read from HAProxy's log, as HAProxy 2.6 writes it in {@code srv_update_status}
 * (src/server.c) when a check changes a server's state:
 * <pre>
 * &lt;129&gt;1 2026-12-04T16:16:49.161806+00:00 - haproxy 18092 - - Server api/api-0 is DOWN, reason: Layer7 wrong status,
 *     code: 500, info: "X", check duration: 0ms. 1 active and 0 backup servers left. ...
 * &lt;133&gt;1 2026-12-04T16:16:54.169716+00:00 - haproxy 18092 - - Server api/api-0 is UP, reason: Layer7 check passed,
 *     code: 200, check duration: 1ms. 2 active and 0 backup servers online. ...
 * </pre>
 * The stamp is the message's own RFC 5424 timestamp (microseconds), which HAProxy takes from its clock at
 * the event-loop wake-up that processed the check's end, in the same call that changes the state.
 *
 * <pre>{@code HaproxyLogLine.parse(datagram, receivedUs).ifPresent(t -> sink.accept(...));}</pre>
 *
 * @param tUs       the run's time base (µs), from the message's stamp, or the receipt time when it has none
 * @param stamped   whether {@code tUs} is HAProxy's own stamp (false: receipt time)
 * @param backend   HAProxy backend = neutral cluster
 * @param server    HAProxy server = neutral endpoint name
 * @param up        UP (usable) or DOWN
 * @param why       HAProxy's words after "reason:" (e.g. {@code Layer4 connection problem}), or the maintenance text
 * @param mechanism what moved it (active check, observe = outlier, maintenance = config)
 * @param detail    {@code refused}, {@code timeout}, {@code status 500}, {@code tls error}, {@code passed}, ...
 */
record HaproxyLogLine(long tUs, boolean stamped, String backend, String server, boolean up, String why,
                      Mechanism mechanism, String detail) {

    private static final Pattern HEADER = Pattern.compile("^<\\d+>1 (\\S+) ");
    private static final Pattern CHANGE = Pattern.compile("Server ([^/\\s]+)/(\\S+) is (?:going )?(UP|DOWN)\\b(.*)$");
    private static final Pattern REASON = Pattern.compile("reason: ([^,]+?)(?:,|\\. |\\.$)");
    private static final Pattern CODE = Pattern.compile("code: (\\d+)");
    private static final Pattern INFO = Pattern.compile("info: \"([^\"]*)\"");
    private static final Pattern CHECK = Pattern.compile("Health check for (?:backup )?server ([^/\\s]+)/(\\S+) (failed|succeeded)(.*)$");

    /**
     * A single check's result ({@code option log-health-checks}): "Health check for server api/api-0 failed,
     * reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms, status: 2/3 UP."
     * With that option HAProxy leaves the reason off the DOWN line that follows, so the view takes it from here.
     *
     * @return {@code backend/server} and our detail word, if the datagram is such a line
     */
    static Optional<Map.Entry<String, String>> parseCheck(String datagram) {
        Matcher m = CHECK.matcher(datagram.strip());
        if (!m.find()) {
            return Optional.empty();
        }
        Matcher r = REASON.matcher(m.group(4));
        Matcher code = CODE.matcher(m.group(4));
        Matcher info = INFO.matcher(m.group(4));
        String detail = detail(r.find() ? r.group(1).strip() : "", code.find() ? code.group(1) : null,
                info.find() ? info.group(1) : null);
        return Optional.of(Map.entry(m.group(1) + "/" + m.group(2), detail == null ? m.group(3) : detail));
    }

    /** The state change in one syslog datagram, if it holds one. */
    static Optional<HaproxyLogLine> parse(String datagram, long receivedUs) {
        String text = datagram.strip();
        Matcher m = CHANGE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        long t = receivedUs;
        boolean stamped = false;
        Matcher h = HEADER.matcher(text);
        if (h.find()) {
            try {
                t = Micros.fromEpochUs(ChronoUnit.MICROS.between(java.time.Instant.EPOCH,
                        OffsetDateTime.parse(h.group(1)).toInstant()));
                stamped = true;
            } catch (DateTimeParseException notRfc5424) {
                // another log format: keep the receipt time, and the view says so
            }
        }
        boolean up = m.group(3).equals("UP");
        String rest = m.group(4);
        if (rest.contains("maintenance")) {
            return Optional.of(new HaproxyLogLine(t, stamped, m.group(1), m.group(2), up, "maintenance",
                    Mechanism.CONFIG, up ? "left maintenance" : "maintenance"));
        }
        Matcher r = REASON.matcher(rest);
        String why = r.find() ? r.group(1).strip() : "";
        Matcher code = CODE.matcher(rest);
        Matcher info = INFO.matcher(rest);
        String detail = detail(why, code.find() ? code.group(1) : null, info.find() ? info.group(1) : null);
        // no reason: log-health-checks put it on the check line before; the server changed state on a check
        Mechanism mechanism = why.equals("Health analyze") ? Mechanism.OUTLIER_EJECTION : Mechanism.ACTIVE_CHECK;
        return Optional.of(new HaproxyLogLine(t, stamped, m.group(1), m.group(2), up, why, mechanism, detail));
    }

    /** Our detail words for HAProxy's check status texts (src/check.c, {@code check_statuses[]}). */
    static String detail(String why, String code, String info) {
        String w = why.toLowerCase(Locale.ROOT);
        if (w.contains("check passed")) {
            return "passed";
        }
        if (w.contains("timeout")) {
            return "timeout";
        }
        if (w.equals("layer4 connection problem")) {
            return info != null && info.toLowerCase(Locale.ROOT).contains("refused") ? "refused"
                    : "connect error" + (info == null ? "" : ": " + info);
        }
        if (w.contains("wrong status")) {
            return "status " + (code == null ? "?" : code);
        }
        if (w.startsWith("layer6")) {
            return "tls error";
        }
        if (w.contains("content")) {
            return "body mismatch";
        }
        if (w.equals("health analyze")) {
            return "observe error-limit";
        }
        return w.isEmpty() ? null : w;
    }

    /** Our state word and flag for the view. */
    String state() {
        if (up) {
            return "healthy";
        }
        return switch (mechanism) {
            case OUTLIER_EJECTION -> "ejected";
            case CONFIG -> "maintenance";
            default -> "unhealthy";
        };
    }

    /** The reason word of the view line, in our gateway's vocabulary where one fits. */
    String reason() {
        return switch (mechanism) {
            case ACTIVE_CHECK -> up ? "active_hc_passed" : "active_hc_failed";
            case OUTLIER_EJECTION -> up ? "ejection_expired" : "outlier_ejected";
            case CONFIG -> up ? "config_added" : "config_removed";
            default -> up ? "up" : "down";
        };
    }
}
