package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.runtime.ScenarioDns;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * An independent DNS client (dnsjava, no cache, one query) that verifies a DNS fault: it asks the
 * scenario's DNS server for a name's A records, as the gateway does, and says what came back and how fast.
 *
 * <pre>{@code
 * DnsProbe.Result r = DnsProbe.query(5353, "api.gauntlet.test", false, 500);
 * r.shows(dns.zone("api.gauntlet.test"));   // the answer the server's current state calls for
 * }</pre>
 */
final class DnsProbe {

    enum Outcome { ANSWER, SERVFAIL, NXDOMAIN, OTHER_RCODE, TIMEOUT, ERROR }

    /** One query's outcome; {@code addresses} sorted, {@code ttlSeconds} the smallest TTL (-1 without records). */
    record Result(Outcome outcome, List<String> addresses, long ttlSeconds, String detail, double millis) {

        /** Whether this is what a server in {@code zone}'s state must answer. */
        boolean shows(ScenarioDns.Zone zone) {
            return switch (zone.mode()) {
                case ANSWER -> outcome == Outcome.ANSWER && addresses.equals(zone.addresses().stream().sorted().toList())
                        && (addresses.isEmpty() || ttlSeconds == zone.ttl().toSeconds());
                case OUTAGE -> outcome == Outcome.TIMEOUT;
                case SERVFAIL -> outcome == Outcome.SERVFAIL;
                case NXDOMAIN -> outcome == Outcome.NXDOMAIN;
            };
        }

        String describe(String where) {
            String ms = String.format(Locale.ROOT, "%.1f ms", millis);
            return switch (outcome) {
                case ANSWER -> where + " answered " + addresses + " ttl " + ttlSeconds + " s in " + ms;
                case TIMEOUT -> where + " gave no answer within " + ms;
                case ERROR -> where + " failed after " + ms + ": " + detail;
                default -> where + " answered " + detail + " in " + ms;
            };
        }
    }

    private DnsProbe() {
    }

    /** Asks 127.0.0.1:{@code port} for {@code name}'s A records over UDP (or TCP) with one deadline. */
    static Result query(int port, String name, boolean tcp, int timeoutMs) {
        return query(InetAddress.getLoopbackAddress().getHostAddress(), port, name, tcp, timeoutMs);
    }

    /** Asks {@code host:port} instead (the scenario DNS server of the containers runtime is on the run's bridge). */
    static Result query(String host, int port, String name, boolean tcp, int timeoutMs) {
        long start = System.nanoTime();
        try {
            SimpleResolver resolver = new SimpleResolver(InetAddress.getByName(host));
            resolver.setPort(port);
            resolver.setTCP(tcp);
            resolver.setTimeout(Duration.ofMillis(timeoutMs));
            Name absolute = Name.fromString(name.endsWith(".") ? name : name + ".");
            Message response = resolver.send(Message.newQuery(Record.newRecord(absolute, Type.A, DClass.IN)));
            double millis = elapsed(start);
            int rcode = response.getRcode();
            if (rcode != Rcode.NOERROR) {
                Outcome o = rcode == Rcode.SERVFAIL ? Outcome.SERVFAIL : rcode == Rcode.NXDOMAIN ? Outcome.NXDOMAIN
                        : Outcome.OTHER_RCODE;
                return new Result(o, List.of(), -1, Rcode.string(rcode), millis);
            }
            List<String> addresses = new ArrayList<>();
            long ttl = -1;
            for (Record r : response.getSection(Section.ANSWER)) {
                if (r instanceof ARecord a) {
                    addresses.add(a.getAddress().getHostAddress());
                    ttl = ttl < 0 ? r.getTTL() : Math.min(ttl, r.getTTL());
                }
            }
            return new Result(Outcome.ANSWER, addresses.stream().sorted().toList(), ttl, "NOERROR", millis);
        } catch (IOException e) {
            // dnsjava reports a deadline passed as its own IOException ("Timed out while trying to resolve ...")
            boolean timedOut = e instanceof SocketTimeoutException || e.getCause() instanceof SocketTimeoutException
                    || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timed out");
            return new Result(timedOut ? Outcome.TIMEOUT : Outcome.ERROR, List.of(), -1, String.valueOf(e.getMessage()),
                    elapsed(start));
        }
    }

    private static double elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
