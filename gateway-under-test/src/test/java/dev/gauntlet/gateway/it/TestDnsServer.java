package dev.gauntlet.gateway.it;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** A one-name UDP DNS server for tests: answers A records, NXDOMAIN, SERVFAIL or nothing, as told. */
final class TestDnsServer implements AutoCloseable {
    enum Mode { ANSWER, NXDOMAIN, SERVFAIL, SILENT }

    private final DatagramSocket socket;
    private final Thread thread;
    volatile Mode mode = Mode.ANSWER;
    volatile List<String> addresses = List.of();
    volatile long ttl = 1;

    TestDnsServer() throws Exception {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                Mode m = mode;
                if (m == Mode.SILENT) {
                    continue;
                }
                Message r = new Message(q.getHeader().getID());
                r.getHeader().setFlag(Flags.QR);
                r.getHeader().setFlag(Flags.AA);
                Record question = q.getQuestion();
                r.addRecord(question, Section.QUESTION);
                if (m == Mode.NXDOMAIN) {
                    r.getHeader().setRcode(Rcode.NXDOMAIN);
                } else if (m == Mode.SERVFAIL) {
                    r.getHeader().setRcode(Rcode.SERVFAIL);
                } else {
                    for (String a : addresses) {
                        r.addRecord(new ARecord(question.getName(), DClass.IN, ttl, InetAddress.getByName(a)), Section.ANSWER);
                    }
                }
                byte[] out = r.toWire();
                socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (Exception e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
