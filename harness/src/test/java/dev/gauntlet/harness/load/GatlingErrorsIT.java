package dev.gauntlet.harness.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.scenario.LoadConfig;
import dev.gauntlet.report.run.ClientError;
import dev.gauntlet.report.run.RequestRecord;
import dev.gauntlet.report.run.RunDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Gatling load against real sockets that fail in one way each: the error in requests.jsonl is the word of
 * Gatling's own error (refused, reset, closed, timed out), never a guess from how long the request took.
 */
class GatlingErrorsIT {

    private static final LoadConfig LOAD = new LoadConfig("open", 20, Duration.ofSeconds(1), "/", Duration.ofMillis(800));

    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** A loopback server handing each accepted connection to {@code handler} on its own thread. */
    private int server(Consumer<Socket> handler) throws IOException {
        ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        open.add(server);
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    open.add(s);
                    Thread t = new Thread(() -> handler.accept(s));
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
        return server.getLocalPort();
    }

    private static void readRequestHead(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes();
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }

    private List<RequestRecord> load(int port) throws Exception {
        Path runDir = Files.createDirectories(tmp.resolve("run-" + port));
        LoadSignal.reset();
        new LoadRunner().run(LOAD, "http://127.0.0.1:" + port, runDir, Duration.ZERO);
        List<RequestRecord> records = new RunDirectory(runDir).requests();
        assertThat(records).as("Gatling sent the load").hasSizeGreaterThanOrEqualTo(15);
        return records;
    }

    @Test
    void nothingListeningIsConnectRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free again once closed: connects are refused
        }
        assertThat(load(port)).allSatisfy(r -> assertThat(r.error()).as("status %s", r.status())
                .isEqualTo(ClientError.CONNECT_REFUSED.id()));
    }

    @Test
    void anAnswerThatNeverComesIsATimeout() throws Exception {
        int port = server(s -> {
            try {
                readRequestHead(s);
                s.getInputStream().read(); // hold the connection open, answering nothing
            } catch (IOException ignored) {
                // the client gave up
            }
        });
        assertThat(load(port)).allSatisfy(r -> {
            assertThat(r.error()).isEqualTo(ClientError.TIMEOUT.id());
            assertThat(r.latencyMs()).as("Gatling's 800 ms request timeout").isGreaterThanOrEqualTo(790.0);
        });
    }

    /**
     * Gatling 3.15 reports a connection ended by RST after the request exactly as one ended by FIN
     * ({@code PrematureCloseException: Premature close}): the word is {@code closed} for both; we do not invent
     * a distinction the client did not make.
     */
    @Test
    void aResetAfterTheRequestIsReportedByGatlingAsClosed() throws Exception {
        int port = server(s -> {
            try {
                readRequestHead(s);
                s.setSoLinger(true, 0); // close with RST
                s.close();
            } catch (IOException ignored) {
                // gone
            }
        });
        assertThat(load(port)).allSatisfy(r -> assertThat(r.error()).isEqualTo(ClientError.CLOSED.id()));
    }

    @Test
    void aCloseBeforeTheAnswerIsClosed() throws Exception {
        int port = server(s -> {
            try {
                readRequestHead(s);
                s.close(); // FIN, no answer
            } catch (IOException ignored) {
                // gone
            }
        });
        assertThat(load(port)).allSatisfy(r -> assertThat(r.error()).isEqualTo(ClientError.CLOSED.id()));
    }
}
