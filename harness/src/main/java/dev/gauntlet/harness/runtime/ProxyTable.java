package dev.gauntlet.harness.runtime;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's Toxiproxy proxies by endpoint id, whichever runtime runs the server: each named after the run
 * ({@code <run>.<endpoint>}) so leftovers are attributable.
 */
public final class ProxyTable {

    private final ToxiproxyClient client;
    private final String runId;
    private final Map<String, Proxy> proxies = new ConcurrentHashMap<>();

    public ProxyTable(ToxiproxyClient client, String runId) {
        this.client = client;
        this.runId = runId;
    }

    /** A proxy listening on {@code listen} in front of {@code upstream}. */
    public Proxy create(String endpointId, String listen, String upstream) {
        try {
            Proxy proxy = client.createProxy(runId + "." + endpointId, listen, upstream);
            proxies.put(endpointId, proxy);
            return proxy;
        } catch (IOException e) {
            throw new PartStartException("toxiproxy: cannot create proxy " + listen + " -> " + upstream + ": " + e.getMessage(), e);
        }
    }

    public Proxy get(String endpointId) {
        Proxy proxy = proxies.get(endpointId);
        if (proxy == null) {
            throw new IllegalArgumentException("no Toxiproxy proxy for endpoint " + endpointId);
        }
        return proxy;
    }

    Collection<Proxy> all() {
        return proxies.values();
    }

    void clear() {
        proxies.clear();
    }
}
