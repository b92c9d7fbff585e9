package dev.gauntlet.harness.kind.haproxy;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the check scheduling back from a rendered haproxy.cfg, so gateway-config.json (and the bounds scoring
 * derives from it) states what the file HAProxy runs says, not what the renderer meant to write.
 *
 * <pre>{@code HaproxyCluster running = HaproxyCfgReader.check(HaproxyCluster.from(neutral), cfgText);}</pre>
 */
final class HaproxyCfgReader {

    private static final Pattern MS = Pattern.compile("(\\d+)ms");

    private HaproxyCfgReader() {
    }

    /** {@code intended} with every scheduling figure replaced by the one the file states for its backend. */
    static HaproxyCluster check(HaproxyCluster intended, String cfg) {
        Map<String, String> kv = new HashMap<>();
        String section = "";
        for (String raw : cfg.split("\n")) {
            if (raw.isBlank() || raw.startsWith("#")) {
                continue;
            }
            if (!raw.startsWith(" ")) {
                section = raw.strip();
                continue;
            }
            String line = raw.strip();
            if (section.equals("global") && line.startsWith("spread-checks ")) {
                kv.put("spread", line.substring("spread-checks ".length()).strip());
            }
            if (!section.equals("backend " + intended.name())) {
                continue;
            }
            String[] w = line.split("\\s+");
            if (w[0].equals("default-server")) {
                for (int i = 1; i + 1 < w.length; i++) {
                    kv.put(w[i], w[i + 1]);
                }
            } else if (w[0].equals("timeout") && w.length == 3) {
                kv.put("timeout " + w[1], w[2]);
            } else if (w[0].equals("retries") && w.length == 2) {
                kv.put("retries", w[1]);
            }
        }
        long inter = ms(kv.get("inter"), intended.interMs());
        long connect = ms(kv.get("timeout connect"), intended.connectTimeoutMs());
        return new HaproxyCluster(intended.name(), intended.balance(), intended.servers(), intended.checks(),
                intended.checkType(), intended.path(), intended.host(), inter, ms(kv.get("downinter"), inter),
                kv.containsKey("spread") ? Integer.parseInt(kv.get("spread")) : 0, ms(kv.get("timeout check"), inter),
                Integer.parseInt(kv.getOrDefault("fall", "3")), Integer.parseInt(kv.getOrDefault("rise", "2")),
                intended.expectedStatuses(), intended.expectedBody(),
                Integer.parseInt(kv.getOrDefault("retries", "3")), intended.retryOn(),
                intended.serverTimeoutMs(), connect,
                ms(kv.get("slowstart"), 0), intended.tls(), intended.sni(), intended.verify(),
                // configuration.txt 4.2 "timeout check": the check connect may take min("timeout connect", "inter")
                kv.containsKey("timeout check") ? Math.min(connect, inter) : inter,
                Integer.parseInt(kv.getOrDefault("error-limit", "0")), intended.perTryTimeoutMs());
    }

    /** HAProxy's own defaults apply to what the file leaves out: inter 2000 ms, fall 3, rise 2, retries 3. */
    private static long ms(String value, long fallback) {
        if (value == null) {
            return fallback;
        }
        Matcher m = MS.matcher(value);
        return m.matches() ? Long.parseLong(m.group(1)) : fallback;
    }
}
