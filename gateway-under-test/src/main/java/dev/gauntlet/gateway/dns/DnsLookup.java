package dev.gauntlet.gateway.dns;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Resolves a name to IPv4 addresses with their TTL. Blocking; called off the data path.
 * An {@link IOException} (timeout, SERVFAIL, NXDOMAIN, refused) means "no answer": the caller keeps
 * what it had. A successful answer may be empty (NOERROR, no A records).
 *
 * <pre>{@code Answer a = lookup.resolve("api.test");   // a.addresses(), a.ttl()}</pre>
 */
@FunctionalInterface
public interface DnsLookup {
    Answer resolve(String hostname) throws IOException;

    /** Addresses (textual IPs, sorted) and the smallest TTL among them. */
    record Answer(List<String> addresses, Duration ttl) {
        public Answer {
            addresses = addresses.stream().sorted().distinct().toList();
        }
    }
}
