package dev.gauntlet.harness.kind.nginx;

import dev.gauntlet.harness.kind.AnswerLabeler;

/**
 * Labels nginx's answers from the headers {@link NginxConfRenderer} makes it add to every answer:
 * {@code x-gauntlet-upstream} ({@code $upstream_addr}), {@code x-gauntlet-upstream-status}
 * ({@code $upstream_status}), {@code x-gauntlet-upstream-bytes} ({@code $upstream_bytes_received}), and
 * {@code x-gauntlet-flags: NR} on the no-route answer. Tries are separated by {@code ", "} (and {@code " : "}
 * across internal redirects). Seen on nginx 1.22.1:
 *
 * <pre>
 *   502  upstream "api"                       no server could be tried ("no live upstreams")   → UH
 *   502  upstream "127.0.0.1:21001, api"      a try failed, no server left for the retry       → UF (ours: UF)
 *   502  status "502, 502" bytes "0, 0"       every try refused or reset, tries used up         → UF
 *   504  status "504" bytes "0"               proxy_read_timeout / proxy_connect_timeout         → UT
 *   5xx  status "503, 503" bytes "&gt;0, &gt;0"     a backend's 5xx retried, tries used up             → URX
 *   404  x-gauntlet-flags: NR                 no route                                            → NR
 * </pre>
 *
 * A try with no bytes received is one nginx failed itself (its 502/504), not a backend's answer.
 *
 * <pre>{@code new NginxLabeler().flags(new Answer(502, Map.of("x-gauntlet-upstream", "api"), ""))  // "UH"}</pre>
 */
public final class NginxLabeler implements AnswerLabeler {

    @Override
    public String flags(Answer a) {
        String own = a.headers().get("x-gauntlet-flags");
        if (own != null && !own.isBlank()) {
            return own;
        }
        String upstream = a.headers().get("x-gauntlet-upstream");
        if (upstream == null || upstream.isBlank()) {
            return null;
        }
        String[] addrs = split(upstream);
        String[] statuses = split(a.headers().getOrDefault("x-gauntlet-upstream-status", ""));
        String[] bytes = split(a.headers().getOrDefault("x-gauntlet-upstream-bytes", ""));
        int last = addrs.length - 1;
        if (!addrs[last].contains(":")) {
            // the group's name: no server was left to try
            if (last == 0) {
                return "UH";
            }
            return failedTry(statuses, bytes, last - 1).equals("UT") ? "UT" : "UF";
        }
        if (a.status() >= 500 && last < statuses.length && last < bytes.length && number(bytes[last]) <= 0) {
            return failedTry(statuses, bytes, last);
        }
        if (a.status() >= 500 && last >= 1 && number(bytes[Math.min(last - 1, bytes.length - 1)]) > 0
                && number(statuses[Math.min(last - 1, statuses.length - 1)]) >= 500) {
            return "URX"; // the previous try's answer was a 5xx that nginx retried: a retryable 5xx, tries used up
        }
        return null;
    }

    /** The flag of a try nginx failed itself: 504 is its timeout, anything else a connect failure or reset. */
    private static String failedTry(String[] statuses, String[] bytes, int i) {
        return i >= 0 && i < statuses.length && number(statuses[i]) == 504 ? "UT" : "UF";
    }

    private static String[] split(String v) {
        return v.trim().split(", | : ");
    }

    private static long number(String n) {
        try {
            return Long.parseLong(n.trim());
        } catch (NumberFormatException dash) {
            return -1;
        }
    }
}
