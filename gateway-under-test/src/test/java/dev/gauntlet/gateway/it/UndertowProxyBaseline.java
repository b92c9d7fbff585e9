package dev.gauntlet.gateway.it;

import io.undertow.Undertow;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Not a test: Undertow's stock ProxyHandler in front of the given ports, for comparing throughput with
 * our handler under the same load ({@code UndertowProxyBaseline <port> <port>} prints its own port).
 */
public final class UndertowProxyBaseline {
    public static void main(String[] args) throws Exception {
        LoadBalancingProxyClient client = new LoadBalancingProxyClient().setConnectionsPerThread(64);
        for (String p : args) {
            client.addHost(new URI("http://127.0.0.1:" + p));
        }
        Undertow u = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(2).setWorkerThreads(2)
                .setHandler(ProxyHandler.builder().setProxyClient(client).setMaxRequestTime(15000).build()).build();
        u.start();
        System.out.println(((InetSocketAddress) u.getListenerInfo().get(0).getAddress()).getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
