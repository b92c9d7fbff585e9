package dev.gauntlet.report.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Gatling's own messages, literally, to the closed set of words; old runs' words still read. */
class ClientErrorTest {

    @Test
    void gatlingsMessagesMapToTheirWords() {
        assertThat(ClientError.fromClientMessage("i.g.h.c.i.RequestTimeoutException: Request timeout to 127.0.0.1/127.0.0.1:41234 after 800 ms"))
                .isEqualTo(ClientError.TIMEOUT);
        assertThat(ClientError.fromClientMessage("i.n.c.AbstractChannel$AnnotatedConnectException: Connection refused: /127.0.0.1:41234"))
                .isEqualTo(ClientError.CONNECT_REFUSED);
        assertThat(ClientError.fromClientMessage("i.n.c.ConnectTimeoutException: connection timed out after 10000 ms: /10.0.0.1:80"))
                .isEqualTo(ClientError.CONNECT_TIMEOUT);
        assertThat(ClientError.fromClientMessage("i.n.c.u.Errors$NativeIoException: recvAddress(..) failed: Connection reset by peer"))
                .isEqualTo(ClientError.RESET);
        assertThat(ClientError.fromClientMessage("j.i.IOException: Premature close")).isEqualTo(ClientError.CLOSED);
        assertThat(ClientError.fromClientMessage("i.n.h.s.SslHandshakeTimeoutException: handshake timed out after 10000ms"))
                .as("a failed handshake is TLS's, however it failed").isEqualTo(ClientError.TLS);
        assertThat(ClientError.fromClientMessage("j.l.IllegalStateException: something new")).isEqualTo(ClientError.OTHER);
    }

    @Test
    void recordedWordsReadBackAndOldWordsStillRead() {
        for (ClientError e : ClientError.values()) {
            assertThat(ClientError.ofId(e.id())).as(e.id()).isEqualTo(e);
        }
        assertThat(ClientError.ofId("no response")).as("a word of runs before the closed set").isEqualTo(ClientError.OTHER);
        assertThat(new RequestRecord(0, 1, 0, null, null, "timeout").clientError().timedOut()).isTrue();
        assertThat(new RequestRecord(0, 1, 200, null, null, null).clientError()).isNull();
    }
}
