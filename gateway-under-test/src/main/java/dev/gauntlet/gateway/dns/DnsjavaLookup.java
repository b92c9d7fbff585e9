package dev.gauntlet.gateway.dns;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * {@link DnsLookup} over dnsjava, asking one server directly (no cache, so every refresh sees the
 * server's current answer, which is what a DNS-change fault needs).
 *
 * <pre>{@code DnsLookup l = DnsjavaLookup.create("127.0.0.1:5353", Duration.ofSeconds(1));}</pre>
 */
public final class DnsjavaLookup implements DnsLookup {
    private final Resolver resolver;

    private DnsjavaLookup(Resolver resolver) {
        this.resolver = resolver;
    }

    /** @param server {@code host[:port]}, or null for the system's first name server */
    public static DnsjavaLookup create(String server, Duration timeout) {
        try {
            SimpleResolver r;
            if (server == null) {
                r = new SimpleResolver();
            } else {
                int colon = server.lastIndexOf(':');
                boolean hasPort = colon > 0 && server.indexOf(':') == colon;
                r = new SimpleResolver(hasPort ? server.substring(0, colon) : server);
                if (hasPort) {
                    r.setPort(Integer.parseInt(server.substring(colon + 1)));
                }
            }
            r.setTimeout(timeout);
            return new DnsjavaLookup(r);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("dns server " + server + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Answer resolve(String hostname) throws IOException {
        Name name = Name.fromString(hostname.endsWith(".") ? hostname : hostname + ".");
        Message response = resolver.send(Message.newQuery(Record.newRecord(name, Type.A, DClass.IN)));
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR) {
            throw new IOException(hostname + ": " + Rcode.string(rcode));
        }
        List<String> addresses = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r instanceof ARecord a) {
                addresses.add(a.getAddress().getHostAddress());
                ttl = Math.min(ttl, r.getTTL());
            }
        }
        return new Answer(addresses, Duration.ofSeconds(ttl == Long.MAX_VALUE ? 0 : ttl));
    }
}
