package dev.gauntlet.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnectionIT {
    /** What a raw client saw: the bytes, and whether the stream ended (EOF) or went silent (timeout). */
    record Seen(String text, boolean eof) {
        int bodyBytes() {
            int split = text.indexOf("\r\n\r\n");
            return split < 0 ? 0 : text.length() - split - 4;
        }
    }

    @Test
    void closeMidResponseSendsHalfTheDeclaredBodyThenClosesTheConnection() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"bodySize\":2000,\"connection\":{\"fault\":\"close_mid_response\"}}")) {
            Seen seen = rawGet(b, 2000);
            assertThat(seen.text()).as("headers declare the full body").contains("Content-Length: 2000");
            assertThat(seen.bodyBytes()).as("body bytes before the close").isEqualTo(1000);
            assertThat(seen.eof()).as("connection closed by the backend").isTrue();
            assertThatThrownBy(() -> b.get("/x")).as("an HTTP client sees a premature close").isInstanceOf(IOException.class);
        }
    }

    @Test
    void partialBodySendsHalfTheBodyThenStallsWithTheConnectionOpen() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"connection\":{\"fault\":\"partial_body\"}}")) {
            Seen seen = rawGet(b, 700);
            assertThat(seen.text()).as("headers declare the full body").contains("Content-Length: 1024");
            assertThat(seen.bodyBytes()).as("body bytes before the stall").isEqualTo(512);
            assertThat(seen.eof()).as("connection left open").isFalse();
        }
    }

    @Test
    void stopReadingNeverAnswers() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"connection\":{\"fault\":\"stop_reading\"}}")) {
            Seen seen = rawGet(b, 700);
            assertThat(seen.text()).as("bytes received from a backend that stopped reading").isEmpty();
            assertThat(seen.eof()).as("connection left open").isFalse();
            assertThat(b.get("/health").statusCode()).as("health on a new connection still answers").isEqualTo(200);
        }
    }

    @Test
    void connectionFaultRateAppliesToThatShareOfRequests() throws Exception {
        try (BackendFixture b = BackendFixture.start(
                "{\"seed\":5,\"connection\":{\"fault\":\"close_mid_response\",\"rate\":0.3}}")) {
            int broken = 0;
            for (int i = 0; i < 300; i++) {
                try {
                    b.get("/x");
                } catch (IOException e) {
                    broken++;
                }
            }
            assertThat(broken).as("broken responses out of 300 at rate 0.3").isBetween(60, 120);
        }
    }

    private static Seen rawGet(BackendFixture b, int silenceMs) throws IOException {
        try (Socket s = new Socket("127.0.0.1", b.backend.port())) {
            s.setSoTimeout(silenceMs);
            s.getOutputStream().write("GET /x HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    got.write(buf, 0, n);
                }
                return new Seen(got.toString(StandardCharsets.US_ASCII), true);
            } catch (SocketTimeoutException silence) {
                return new Seen(got.toString(StandardCharsets.US_ASCII), false);
            }
        }
    }
}
