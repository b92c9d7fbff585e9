package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.scenario.Durations;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Observes, through real requests to the backend, what a {@code behaviour} patch's sections do: the data
 * status, body size and latency, the error share, the health answer (path, status, delay, token), a warm-up,
 * the TLS certificate served, a broken connection. The backend's behaviour read back says only what to
 * expect (defaults filled in); whether it holds is seen on the wire. A section no request can show (a CPU
 * burn, a balloon, capacity — their own actions measure them — or a flapping health) is reported so the
 * fault stays unverified, with the reason.
 *
 * <pre>{@code
 * List<BehaviourObservation.Check> checks = BehaviourObservation.observe(ctx, patch, control.behaviour(), null);
 * checks.stream().allMatch(Check::ok);
 * }</pre>
 */
final class BehaviourObservation {

    /** One section's observation; {@code ok} false also when it cannot be observed ({@code seen} says why). */
    record Check(String section, boolean ok, String seen) {
    }

    private static final int WAIT_CAP_MS = 1_500;

    private BehaviourObservation() {
    }

    /**
     * Each section of {@code patch}, observed against {@code effective} (the whole behaviour read back).
     * {@code replaced}, on heal, is the patch that was undone: its effect must be gone, not only the
     * restored values seen.
     */
    static List<Check> observe(FaultContext ctx, JsonNode patch, JsonNode effective, JsonNode replaced) throws Exception {
        List<Check> out = new ArrayList<>();
        for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
            String section = it.next();
            JsonNode eff = effective.path(section);
            JsonNode was = replaced == null ? null : replaced.path(section);
            out.add(switch (section) {
                case "seed" -> new Check(section, true, "seed: nothing to observe on its own");
                case "status" -> status(ctx, eff.asInt());
                case "bodySize" -> bodySize(ctx, eff.asInt());
                case "latency" -> latency(ctx, eff, was);
                case "errors" -> errors(ctx, eff);
                case "health" -> health(ctx, eff);
                case "warmup" -> warmup(ctx, eff, was);
                case "tls" -> tls(ctx, eff.path("mode").asText("off"));
                case "connection" -> connection(ctx, eff);
                default -> new Check(section, false, section + ": not observable by a request (the " + actionFor(section)
                        + " action measures it)");
            });
        }
        return out;
    }

    private static String actionFor(String section) {
        return switch (section) {
            case "cpuBurn" -> "cpu_burn";
            case "memoryBalloon" -> "memory_balloon";
            case "capacity" -> "capacity";
            default -> "matching";
        };
    }

    private static StreamProbe.Result get(FaultContext ctx, String path, int timeoutMs) {
        return StreamProbe.fetch(ctx.endpoint().host(), ctx.endpoint().backendPort(), path, 0, timeoutMs);
    }

    private static long bodyLength(StreamProbe.Result r) {
        int head = r.prefix().indexOf("\r\n\r\n");
        return head < 0 || r.expectedBytes() < 0 ? -1 : r.expectedBytes() - head - 4;
    }

    private static Duration duration(JsonNode n) {
        Duration d = n == null || n.isMissingNode() || n.isNull() ? null : Durations.parseOrNull(n.asText());
        return d == null ? Duration.ZERO : d;
    }

    private static Check status(FaultContext ctx, int expected) {
        StreamProbe.Result r = get(ctx, "/", 2_000);
        return new Check("status", r.status() == expected, "status: data path answered " + r.status() + " (expected " + expected + ")");
    }

    private static Check bodySize(FaultContext ctx, int expected) {
        StreamProbe.Result r = get(ctx, "/", 2_000);
        long length = bodyLength(r);
        return new Check("bodySize", r.complete() && length == expected,
                "bodySize: data answer of " + length + " bytes (expected " + expected + ")");
    }

    /** Fixed latency: a data answer takes at least it (waiting at most 1.5 s); once replaced, well under the old one. */
    private static Check latency(FaultContext ctx, JsonNode eff, JsonNode was) {
        JsonNode fixed = eff.isObject() ? eff.path("fixed") : eff;
        if (fixed.isMissingNode()) {
            return new Check("latency", false, "latency: a distribution (median/p99) is not checked by a few requests");
        }
        long ms = duration(fixed).toMillis();
        long waited = Math.min(ms, WAIT_CAP_MS);
        StreamProbe.Result r = get(ctx, "/", (int) waited + 300);
        double took = r.outcome() == Probe.Outcome.ANSWERED ? r.firstByteDelayMs() : r.endMs();
        boolean ok = took >= waited * 0.98 && (r.outcome() == Probe.Outcome.ANSWERED || ms > waited);
        long old = was == null ? 0 : duration(was.isObject() ? was.path("fixed") : was).toMillis();
        if (old > 2 * ms) {
            ok = ok && took < old / 2.0;
        }
        return new Check("latency", ok, String.format(Locale.ROOT, "latency: data answer after %.1f ms (fixed %d ms%s)", took, ms,
                old > 2 * ms ? ", was " + old + " ms" : ""));
    }

    private static Check errors(FaultContext ctx, JsonNode eff) throws Exception {
        double rate = eff.path("rate").asDouble();
        int status = eff.path("status").asInt(500);
        int every = eff.path("everyNth").asInt(0);
        if (every > 0) {
            return new Check("errors", false, "errors: everyNth counts the gateway's requests too: not checked by a sample");
        }
        DataSample s = DataSample.take(ctx, ErrorsFault.PROBES, 10, "/", 2_000);
        Binomial.Interval ci = s.share(r -> r.status() == status);
        return new Check("errors", ci.contains(rate), String.format(Locale.ROOT,
                "errors: %d of %d answered %d (%.0f%% CI %.2f-%.2f, expected %.2f)", ci.k(), ci.n(), status,
                ci.confidence() * 100, ci.low(), ci.high(), rate));
    }

    /** The health path answers its body, status (401 without the token), after its latency. */
    private static Check health(FaultContext ctx, JsonNode eff) {
        if (duration(eff.path("flapPeriod")).toMillis() > 0) {
            return new Check("health", false, "health: flapping is not checked by one request");
        }
        String path = eff.path("path").asText("/health");
        boolean token = eff.hasNonNull("requireHeader");
        int expected = token ? 401 : eff.path("status").asInt(200);
        long ms = duration(eff.path("latency")).toMillis();
        long waited = Math.min(ms, WAIT_CAP_MS);
        StreamProbe.Result r = get(ctx, path, (int) Math.max(FaultContext.PROBE_TIMEOUT_MS * 4, waited + 300));
        boolean late = r.endMs() >= waited * 0.98;
        boolean ok = (r.status() == expected || (ms > waited && r.outcome() == Probe.Outcome.NO_ANSWER)) && late;
        String body = eff.path("body").asText("ok");
        if (!token && r.status() == expected) {
            ok = ok && r.bodyStart().equals(body); // the health answer, not a data answer on that path
        }
        return new Check("health", ok, String.format(Locale.ROOT, "health: %s answered %d%s after %.1f ms (expected %d%s%s)", path,
                r.status(), r.status() == expected && !token ? " '" + r.bodyStart() + "'" : "", r.endMs(), expected,
                token ? " without the token" : " '" + body + "'", ms > 0 ? ", latency " + ms + " ms" : ""));
    }

    /** A warm-up makes data answers late and/or fail; once over, the old warm-up's delay is gone. */
    private static Check warmup(FaultContext ctx, JsonNode eff, JsonNode was) {
        boolean active = duration(eff.path("duration")).toMillis() > 0 || eff.path("requests").asInt() > 0;
        JsonNode shown = active ? eff : was;
        if (shown == null) {
            return new Check("warmup", false, "warmup: not active, nothing to observe");
        }
        long ms = duration(shown.path("latency")).toMillis();
        int status = shown.path("status").asInt(0);
        if (ms == 0 && status == 0) {
            return new Check("warmup", !active, "warmup: neither a latency nor a status to observe");
        }
        long waited = Math.min(ms, WAIT_CAP_MS);
        StreamProbe.Result r = get(ctx, "/", (int) waited + 300);
        double took = r.outcome() == Probe.Outcome.ANSWERED ? r.firstByteDelayMs() : r.endMs();
        boolean late = ms == 0 || took >= waited * 0.98;
        boolean failing = status == 0 || r.status() == status;
        boolean ok = active ? late && failing : r.outcome() == Probe.Outcome.ANSWERED && (ms == 0 || took < ms / 2.0)
                && (status == 0 || r.status() != status);
        return new Check("warmup", ok, String.format(Locale.ROOT, "warmup %s: data answer %d after %.1f ms (warm-up latency %d ms%s)",
                active ? "active" : "over", r.status(), took, ms, status == 0 ? "" : ", status " + status));
    }

    /** The certificate the data port serves, seen in a handshake that trusts anything, matches the mode. */
    private static Check tls(FaultContext ctx, String mode) {
        if (mode.equals("off")) {
            StreamProbe.Result r = get(ctx, "/", 2_000);
            return new Check("tls", r.status() > 0, "tls off: plain HTTP answered " + r.status());
        }
        X509Certificate leaf = TlsLook.leaf(ctx.endpoint().host(), ctx.endpoint().backendPort(), 2_000);
        if (leaf == null) {
            return new Check("tls", false, "tls " + mode + ": no TLS handshake on the data port");
        }
        boolean selfSigned = leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal());
        boolean expired = leaf.getNotAfter().getTime() < System.currentTimeMillis();
        boolean wrongHost = TlsLook.dnsNames(leaf).contains("wrong-host.invalid");
        boolean ok = switch (mode) {
            case "self_signed" -> selfSigned && !expired;
            case "ca_signed" -> !selfSigned && !expired && !wrongHost;
            case "expired" -> expired;
            case "wrong_host" -> wrongHost;
            default -> true; // provided: whatever certificate the keystore holds
        };
        return new Check("tls", ok, "tls " + mode + ": served " + leaf.getSubjectX500Principal().getName() + " issued by "
                + leaf.getIssuerX500Principal().getName() + ", names " + TlsLook.dnsNames(leaf) + ", valid until " + leaf.getNotAfter().toInstant());
    }

    private static Check connection(FaultContext ctx, JsonNode eff) {
        String fault = eff.path("fault").asText("none");
        if (eff.path("rate").asDouble(1.0) < 1.0) {
            return new Check("connection", false, "connection: a fault on a share of requests is not checked by one request");
        }
        StreamProbe.Result r = get(ctx, "/", 1_000);
        boolean ok = switch (fault) {
            case "close_mid_response" -> r.bytes() > 0 && r.eof() && !r.complete();
            case "partial_body" -> r.bytes() > 0 && !r.eof() && !r.complete();
            case "stop_reading" -> r.bytes() == 0 && !r.eof();
            default -> r.complete();
        };
        return new Check("connection", ok, "connection " + fault + ": " + r.describe("data path"));
    }

    /** The checks as a {@code probe} object: one field per section, true when observed as expected. */
    static ObjectNode figures(List<Check> checks) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        checks.forEach(c -> out.put(c.section(), c.ok()));
        return out;
    }
}
