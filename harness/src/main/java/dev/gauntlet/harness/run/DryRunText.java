package dev.gauntlet.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Locale;

/** Prints a {@link DryRun} plan for people: one section per question a scenario writer asks before running. */
final class DryRunText {

    private DryRunText() {
    }

    static void print(JsonNode p, PrintStream out) {
        JsonNode load = p.path("load");
        out.printf(Locale.ROOT, "dry run: %s (%s runtime), nothing started%n", p.path("scenario").asText(), p.path("runtime").asText());
        if (p.has("note")) {
            out.println("  note: " + p.path("note").asText());
        }
        out.printf(Locale.ROOT, "load: %s req/s to %s for %s after a %s warm-up%n", trim(load.path("rate_per_s").asDouble()),
                load.path("path").asText(), ms(load.path("duration_ms").asDouble()), ms(load.path("warmup_ms").asDouble()));
        JsonNode gw = p.path("gateway");
        out.println("topology (ports are this plan's picks; a real run plans its own):");
        out.printf(Locale.ROOT, "  gateway %-8s listen %s, admin %s, load routed to cluster %s%n", gw.path("kind").asText(),
                gw.path("listen").asText(), gw.path("admin").asText(), gw.path("cluster").asText());
        JsonNode nat = gw.path("native");
        if (nat.isObject()) {
            out.println("  gateway config: your own " + nat.path("file").asText() + " (" + nat.path("path").asText()
                    + "), rendered as " + nat.path("rendered_as").asText());
            nat.path("vars").fields().forEachRemaining(v -> out.printf(Locale.ROOT, "    var %-16s = %s (%s%s)%n", v.getKey(),
                    v.getValue().path("value").asText(), v.getValue().path("source").asText(),
                    v.getValue().has("default") && v.getValue().path("source").asText().equals("given")
                            ? "; default " + v.getValue().path("default").asText() : ""));
        }
        out.println("  toxiproxy API " + p.path("toxiproxy_api").asText());
        if (p.has("dns_server")) {
            out.println("  scenario DNS server " + p.path("dns_server").asText());
        }
        for (JsonNode e : p.path("endpoints")) {
            out.printf(Locale.ROOT, "  %-10s gateway -> proxy %s -> backend %s (control %s)%n", e.path("id").asText(),
                    e.path("proxy").asText(), e.path("backend").asText(), e.path("control").asText());
        }
        out.println("fault schedule (from the start of measured load):");
        if (p.path("schedule").isEmpty()) {
            out.println("  (no faults)");
        }
        for (JsonNode s : p.path("schedule")) {
            out.printf(Locale.ROOT, "  %8s  %-14s %s%s%s%n", ms(s.path("at_ms").asDouble()), s.path("action").asText(),
                    s.path("target").asText(), s.has("params") ? " " + s.path("params") : "",
                    s.has("heal_at_ms") ? "  (for " + ms(s.path("for_ms").asDouble()) + ": healed at "
                            + ms(s.path("heal_at_ms").asDouble()) + ")" : "");
        }
        out.println("predicted bounds (" + p.path("bounds_config").asText() + "):");
        if (p.path("predictions").isEmpty()) {
            out.println("  (no injected fault)");
        }
        for (JsonNode f : p.path("predictions")) {
            out.printf(Locale.ROOT, "  %s %s at %s: truth %s, noticed as %s%n", f.path("action").asText(),
                    f.path("endpoint").asText(), ms(f.path("at_ms").asDouble()), f.path("truth").asText(), f.path("noticed").asText());
            for (JsonNode b : f.path("detection")) {
                out.println("    detection " + bound(b));
            }
            for (JsonNode b : f.path("recovery")) {
                out.println("    recovery  " + bound(b));
            }
            if (f.has("recovery_reason")) {
                out.println("    recovery  none: " + f.path("recovery_reason").asText());
            }
            if (f.has("reason")) {
                out.println("    " + f.path("reason").asText());
            }
        }
        out.println("checks:");
        if (p.path("checks").isEmpty()) {
            out.println("  (none: the run is recorded and scored, and passes)");
        }
        for (JsonNode c : p.path("checks")) {
            String expression = c.path("expression").asText();
            out.printf(Locale.ROOT, "  %-28s %s%s%n", c.path("name").asText(), expression,
                    expression.contains("bound") ? "   (inside the predicted bound above, per fault)" : "");
        }
    }

    private static String bound(JsonNode b) {
        String mechanism = b.path("mechanism").asText();
        if (b.path("low_ms").isNull()) {
            return String.format(Locale.ROOT, "%-16s unknown: %s", mechanism, b.path("reason").asText());
        }
        return String.format(Locale.ROOT, "%-16s [%s, %s]  %s", mechanism, ms(b.path("low_ms").asDouble()),
                ms(b.path("high_ms").asDouble()), b.path("derivation").asText());
    }

    static String ms(double ms) {
        return ms >= 1000 ? trim(ms / 1000) + " s" : trim(ms) + " ms";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }
}
