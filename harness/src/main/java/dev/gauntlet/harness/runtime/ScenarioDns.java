package dev.gauntlet.harness.runtime;

import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The scenario's DNS server: a small authoritative server (dnsjava) on 127.0.0.1, UDP and TCP on one
 * port, answering the names of the pools found through DNS. Each name's answer — its A records, their
 * TTL, and a mode — can be changed while the run goes on, which is how the DNS faults are made:
 *
 * <pre>
 *   query ─► name known? ─ no ─► REFUSED (not authoritative for it)
 *               │ yes: mode
 *               ├ ANSWER   ─► NOERROR, one A record per address, with the TTL
 *               ├ OUTAGE   ─► nothing at all (the query is dropped; the client times out)
 *               ├ SERVFAIL ─► SERVFAIL
 *               └ NXDOMAIN ─► NXDOMAIN
 * </pre>
 *
 * Every query is one line in {@code dns.log}. In-process (threads of the harness), so it dies with it.
 *
 * <pre>{@code
 * ScenarioDns.Zone zone = new ScenarioDns.Zone(List.of("127.0.0.10"), Duration.ofSeconds(5), ScenarioDns.Mode.ANSWER);
 * try (ScenarioDns dns = ScenarioDns.start(0, Map.of("api.gauntlet.test", zone), runDir.resolve("dns.log"))) {
 *     dns.update("api.gauntlet.test", z -> z.withMode(ScenarioDns.Mode.SERVFAIL));
 * }
 * }</pre>
 */
public final class ScenarioDns implements AutoCloseable {

    /** How a name is answered. */
    public enum Mode { ANSWER, OUTAGE, SERVFAIL, NXDOMAIN }

    /** What one name answers: its A records' addresses, their TTL, and the mode. */
    public record Zone(List<String> addresses, Duration ttl, Mode mode) {
        public Zone {
            addresses = List.copyOf(addresses);
            Objects.requireNonNull(ttl, "ttl");
            Objects.requireNonNull(mode, "mode");
        }

        public Zone withAddresses(List<String> next) {
            return new Zone(next, ttl, mode);
        }

        public Zone withTtl(Duration next) {
            return new Zone(addresses, next, mode);
        }

        public Zone withMode(Mode next) {
            return new Zone(addresses, ttl, next);
        }
    }

    private static final int UDP_MAX = 512;
    /** How long a TCP connection in outage mode is held open unanswered before the server gives up on it. */
    private static final int TCP_IDLE_MS = 30_000;

    private final Map<Name, AtomicReference<Zone>> zones;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final int port;
    private final BufferedWriter log;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> daemon(r, "dns-tcp"));
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong queries = new AtomicLong();
    private volatile boolean closed;

    private ScenarioDns(Map<Name, AtomicReference<Zone>> zones, DatagramSocket udp, ServerSocket tcp, BufferedWriter log) {
        this.zones = zones;
        this.udp = udp;
        this.tcp = tcp;
        this.port = udp.getLocalPort();
        this.log = log;
    }

    /**
     * Binds UDP and TCP on 127.0.0.1:{@code port} (0: a port free for both) and starts answering.
     *
     * @throws PartStartException when the port cannot be bound
     */
    public static ScenarioDns start(int port, Map<String, Zone> zones, Path logFile) {
        return start(InetAddress.getLoopbackAddress().getHostAddress(), port, zones, logFile);
    }

    /**
     * Binds UDP and TCP on {@code host:port} instead: in the containers runtime, the host's end of the run's
     * own bridge network, which only this host and the run's containers reach.
     */
    public static ScenarioDns start(String host, int port, Map<String, Zone> zones, Path logFile) {
        InetAddress bind;
        try {
            bind = InetAddress.getByName(host);
        } catch (IOException e) {
            throw new PartStartException("dns server: no address " + host, e);
        }
        Map<Name, AtomicReference<Zone>> table = new LinkedHashMap<>();
        zones.forEach((name, zone) -> table.put(absolute(name), new AtomicReference<>(zone)));
        DatagramSocket udp = null;
        ServerSocket tcp = null;
        for (int attempt = 0; attempt < 20 && tcp == null; attempt++) {
            try {
                udp = new DatagramSocket(new InetSocketAddress(bind, port));
                tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(bind, udp.getLocalPort()), 50);
            } catch (IOException e) {
                closeQuietly(udp);
                closeQuietly(tcp);
                udp = null;
                tcp = null;
                if (port != 0) {
                    throw new PartStartException("dns server: cannot bind " + host + ":" + port + " (udp and tcp): "
                            + e.getMessage(), e);
                }
            }
        }
        if (tcp == null) {
            throw new PartStartException("dns server: no port free for both udp and tcp on " + host);
        }
        try {
            ScenarioDns dns = new ScenarioDns(table, udp, tcp, Files.newBufferedWriter(logFile, StandardCharsets.UTF_8));
            daemon(dns::serveUdp, "dns-udp").start();
            daemon(dns::serveTcp, "dns-tcp-accept").start();
            return dns;
        } catch (IOException e) {
            closeQuietly(udp);
            closeQuietly(tcp);
            throw new UncheckedIOException("dns server: cannot open " + logFile, e);
        }
    }

    public int port() {
        return port;
    }

    /** The answers at start: each DNS pool's name with its initial records and TTL. */
    public static Map<String, Zone> initialZones(dev.gauntlet.harness.topology.Topology topology) {
        Map<String, Zone> zones = new LinkedHashMap<>();
        for (dev.gauntlet.harness.topology.DnsZonePlan zone : topology.dnsZones()) {
            zones.put(zone.hostname(), new Zone(zone.initialAddresses(), zone.ttl(), Mode.ANSWER));
        }
        return zones;
    }

    /** The address it listens on: 127.0.0.1, or in the containers runtime the run network's bridge address. */
    public String host() {
        return udp.getLocalAddress().getHostAddress();
    }

    /** The current answer for {@code name}. */
    public Zone zone(String name) {
        return ref(name).get();
    }

    /** Changes the answer for {@code name} atomically; returns the new one. */
    public Zone update(String name, UnaryOperator<Zone> change) {
        return ref(name).updateAndGet(change);
    }

    /** Queries received so far (answered or dropped), over both transports. */
    public long queries() {
        return queries.get();
    }

    private AtomicReference<Zone> ref(String name) {
        AtomicReference<Zone> zone = zones.get(absolute(name));
        if (zone == null) {
            throw new IllegalArgumentException("the scenario DNS server has no name " + name + "; it has " + zones.keySet());
        }
        return zone;
    }

    private void serveUdp() {
        byte[] buffer = new byte[4096];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                byte[] answer = answer(query, "udp", packet.getSocketAddress(), UDP_MAX);
                if (answer != null) {
                    udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!closed) {
                    write("udp error: " + e.getMessage());
                }
            }
        }
    }

    private void serveTcp() {
        while (!closed) {
            try {
                Socket socket = tcp.accept();
                connections.execute(() -> serveConnection(socket));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                if (!closed) {
                    write("tcp accept error: " + e.getMessage());
                }
            }
        }
    }

    /** DNS over TCP: each message is preceded by its length in two bytes; a client may send several. */
    private void serveConnection(Socket socket) {
        open.add(socket);
        try (socket) {
            socket.setSoTimeout(TCP_IDLE_MS);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (!closed) {
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                byte[] answer = answer(query, "tcp", socket.getRemoteSocketAddress(), 65_535);
                if (answer != null) {
                    out.writeShort(answer.length);
                    out.write(answer);
                    out.flush();
                }
            }
        } catch (EOFException | java.net.SocketTimeoutException done) {
            // the client closed, or gave up waiting on a dropped query
        } catch (IOException e) {
            if (!closed) {
                write("tcp error: " + e.getMessage());
            }
        } finally {
            open.remove(socket);
        }
    }

    /** The wire answer to one query, or null to drop it (outage, or not a DNS message at all). */
    private byte[] answer(byte[] wire, String transport, SocketAddress client, int maxLength) {
        queries.incrementAndGet();
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException garbage) {
            write(transport + " " + client + " unparseable query (" + wire.length + " bytes) -> dropped");
            return null;
        }
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        if (question == null || query.getHeader().getOpcode() != Opcode.QUERY) {
            response.getHeader().setRcode(Rcode.NOTIMP);
            write(transport + " " + who(client) + " " + question + " -> NOTIMP");
            return response.toWire(maxLength);
        }
        response.addRecord(question, Section.QUESTION);
        String asked = question.getName() + " " + Type.string(question.getType());
        AtomicReference<Zone> ref = zones.get(question.getName());
        if (ref == null) {
            response.getHeader().setRcode(Rcode.REFUSED);
            write(transport + " " + who(client) + " " + asked + " -> REFUSED (not a scenario name)");
            return response.toWire(maxLength);
        }
        Zone zone = ref.get();
        response.getHeader().setFlag(Flags.AA);
        switch (zone.mode()) {
            case OUTAGE -> {
                write(transport + " " + who(client) + " " + asked + " -> dropped (outage)");
                return null;
            }
            case SERVFAIL, NXDOMAIN -> {
                response.getHeader().setRcode(zone.mode() == Mode.SERVFAIL ? Rcode.SERVFAIL : Rcode.NXDOMAIN);
                write(transport + " " + who(client) + " " + asked + " -> " + zone.mode());
                return response.toWire(maxLength);
            }
            default -> {
                if (question.getType() == Type.A || question.getType() == Type.ANY) {
                    for (String address : zone.addresses()) {
                        response.addRecord(aRecord(question.getName(), zone.ttl(), address), Section.ANSWER);
                    }
                }
                write(transport + " " + who(client) + " " + asked + " -> NOERROR " + zone.addresses() + " ttl "
                        + zone.ttl().toSeconds() + "s");
                return response.toWire(maxLength);
            }
        }
    }

    /** {@code 127.0.0.1:5353}, without the leading slash of {@link InetSocketAddress#toString()}. */
    private static String who(SocketAddress client) {
        return client instanceof InetSocketAddress a ? a.getAddress().getHostAddress() + ":" + a.getPort()
                : String.valueOf(client);
    }

    private static Record aRecord(Name name, Duration ttl, String address) {
        try {
            return new ARecord(name, DClass.IN, ttl.toSeconds(), InetAddress.getByName(address));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + address, e); // addresses are literals
        }
    }

    private void write(String line) {
        synchronized (log) {
            try {
                log.write(Instant.now() + " " + line);
                log.newLine();
                log.flush();
            } catch (IOException ignored) {
                // a lost log line must not stop the server answering
            }
        }
    }

    private static Name absolute(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + name, e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing what failed to start
            }
        }
    }

    /** Stops answering: closes both sockets and every open TCP connection. Safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(udp);
        closeQuietly(tcp);
        open.forEach(ScenarioDns::closeQuietly); // a read blocked on a dropped query ignores interrupts
        connections.shutdownNow();
        synchronized (log) {
            closeQuietly(log);
        }
    }
}
