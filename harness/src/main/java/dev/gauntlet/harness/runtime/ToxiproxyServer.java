package dev.gauntlet.harness.runtime;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Toxiproxy server as a child process, listening on loopback only, reset at start, and one
 * proxy per endpoint named after the run ({@code <run>.<endpoint>}) so leftovers are attributable.
 */
public final class ToxiproxyServer implements Toxiproxy {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final ChildProcess child;
    private final ToxiproxyClient client;
    private final ProxyTable proxies;

    private ToxiproxyServer(ChildProcess child, ToxiproxyClient client, String runId) {
        this.child = child;
        this.client = client;
        this.proxies = new ProxyTable(client, runId);
    }

    static ToxiproxyServer start(int port, String runId, Path runDir, ChildRegistry registry) {
        Path binary = ProjectHome.toxiproxyServer();
        ChildProcess child = ChildProcess.start("toxiproxy", List.of(binary.toString(), "-host", "127.0.0.1",
                "-port", String.valueOf(port)), runDir.resolve("toxiproxy.log"), registry, json -> false);
        ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                client.reset(); // the server must start from a clean slate, whatever was there before
                break;
            } catch (IOException notYet) {
                if (!child.isAlive()) {
                    throw new PartStartException("toxiproxy-server exited at start; see " + runDir.resolve("toxiproxy.log"));
                }
                if (System.nanoTime() > deadline) {
                    child.kill();
                    throw new PartStartException("toxiproxy-server did not answer on 127.0.0.1:" + port
                            + " within " + START_TIMEOUT.toSeconds() + " s");
                }
                Thread.onSpinWait();
                try {
                    Thread.sleep(20); // production polling of a starting server, not test synchronisation
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PartStartException("interrupted while starting toxiproxy-server");
                }
            }
        }
        return new ToxiproxyServer(child, client, runId);
    }

    public Proxy createProxy(String endpointId, String listen, String upstream) {
        return proxies.create(endpointId, listen, upstream);
    }

    @Override
    public Proxy proxy(String endpointId) {
        return proxies.get(endpointId);
    }

    public ToxiproxyClient client() {
        return client;
    }

    @Override
    public long pid() {
        return child.pid();
    }

    /** Deletes this run's proxies, then stops the server. */
    void stop() {
        for (Proxy proxy : proxies.all()) {
            try {
                proxy.delete();
            } catch (IOException alreadyGone) {
                // the server is going away anyway; the proxy dies with it
            }
        }
        proxies.clear();
        child.stop(Duration.ofSeconds(2));
    }
}
