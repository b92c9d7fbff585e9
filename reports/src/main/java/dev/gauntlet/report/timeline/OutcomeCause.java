package dev.gauntlet.report.timeline;

import dev.gauntlet.report.run.RequestRecord;
import java.util.Locale;

/**
 * Why a client request ended the way it did, from the client's record alone; the keys match the
 * {@code causes} maps of {@code Metrics} and {@code PhaseMetrics}.
 *
 * <pre>{@code
 * OutcomeCause cause = OutcomeCause.of(new RequestRecord(t0, t1, 503, null, "UH", null)); // UH
 * cause.key();   // "UH"
 * cause.label(); // "no healthy upstream (UH)"
 * }</pre>
 *
 * <p>Order of the rules: no response (status 0) is the client's own error; a 2xx/3xx is ok whatever
 * the flags say; then the gateway's flag, most specific first (UH before URX before UF, because a
 * retried connect failure carries both); then a 5xx without flags came from a backend.
 */
public enum OutcomeCause {
    OK("ok", "ok (2xx/3xx)"),
    BACKEND_5XX("backend_5xx", "backend 5xx"),
    UH("UH", "no healthy upstream (UH)"),
    UO("UO", "overflow / circuit open (UO)"),
    URX("URX", "retries exhausted (URX)"),
    UT("UT", "upstream timeout (UT)"),
    UF("UF", "upstream connect failure (UF)"),
    NR("NR", "no route (NR)"),
    CLIENT_TIMEOUT("client_timeout", "client timeout"),
    CLIENT_ERROR("client_error", "client error (no response)"),
    OTHER("other", "other status");

    private static final OutcomeCause[] FLAG_PRIORITY = {UH, UO, NR, URX, UT, UF};

    private final String key;
    private final String label;

    OutcomeCause(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The key used in {@code causes} maps. */
    public String key() {
        return key;
    }

    /** A human label for legends and tables. */
    public String label() {
        return label;
    }

    public static OutcomeCause of(RequestRecord r) {
        if (r.status() == 0) {
            return r.clientError().timedOut() ? CLIENT_TIMEOUT : CLIENT_ERROR;
        }
        if (r.ok()) {
            return OK;
        }
        if (r.flags() != null && !r.flags().isBlank()) {
            // Flags may be combined ("UF,URX" or "UF URX"); compare whole tokens, never substrings.
            java.util.Set<String> tokens = java.util.Set.of(r.flags().toUpperCase(Locale.ROOT).trim().split("[,;|\\s]+"));
            for (OutcomeCause flag : FLAG_PRIORITY) {
                if (tokens.contains(flag.key)) {
                    return flag;
                }
            }
        }
        return r.status() >= 500 ? BACKEND_5XX : OTHER;
    }

    /** The cause for a {@code causes}-map key, or {@link #OTHER} for a key this version does not know. */
    public static OutcomeCause ofKey(String key) {
        for (OutcomeCause c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        return OTHER;
    }
}
