package dev.gauntlet.harness.kind.haproxy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HAProxy's CLI on its unix stats socket (management.txt, section 9.3): one command per connection, the
 * answer read to the end. {@link #serversState()} parses {@code show servers state} (format version 1).
 *
 * <pre>{@code List<ServerState> now = new HaproxyStatsSocket(runDir.resolve("haproxy.sock")).serversState();}</pre>
 */
final class HaproxyStatsSocket {

    /** {@code srv_op_state} values (src/server.h, {@code enum srv_state}): 2 is SRV_ST_RUNNING. */
    static final int RUNNING = 2;

    /** One server as {@code show servers state} prints it. */
    record ServerState(String backend, String server, String address, int opState, int adminState, int weight,
                       int checkHealth) {
        /** Whether HAProxy sends new traffic to it: running and in no maintenance. */
        boolean usable() {
            return opState == RUNNING && adminState == 0;
        }
    }

    private final Path socket;

    HaproxyStatsSocket(Path socket) {
        this.socket = socket;
    }

    String command(String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.shutdownOutput();
            StringBuilder out = new StringBuilder();
            ByteBuffer buf = ByteBuffer.allocate(16384);
            while (ch.read(buf) >= 0) {
                buf.flip();
                out.append(StandardCharsets.UTF_8.decode(buf));
                buf.clear();
            }
            return out.toString();
        }
    }

    List<ServerState> serversState() throws IOException {
        return parseServersState(command("show servers state"));
    }

    /** Columns are found by the name on the {@code #} header line, so a later format version still parses. */
    static List<ServerState> parseServersState(String text) throws IOException {
        Map<String, Integer> col = new HashMap<>();
        List<ServerState> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("#")) {
                String[] names = l.substring(1).trim().split("\\s+");
                for (int i = 0; i < names.length; i++) {
                    col.put(names[i], i);
                }
                continue;
            }
            String[] f = l.split("\\s+");
            if (col.isEmpty() || f.length < col.size() - 1 || !col.containsKey("srv_op_state")) {
                continue; // the version line, a blank, or an answer that is not a state table
            }
            out.add(new ServerState(f[col.get("be_name")], f[col.get("srv_name")], f[col.get("srv_addr")],
                    Integer.parseInt(f[col.get("srv_op_state")]), Integer.parseInt(f[col.get("srv_admin_state")]),
                    Integer.parseInt(f[col.get("srv_uweight")]), Integer.parseInt(f[col.get("srv_check_health")])));
        }
        if (col.isEmpty()) {
            throw new IOException("not a 'show servers state' answer: " + text.strip());
        }
        return out;
    }
}
