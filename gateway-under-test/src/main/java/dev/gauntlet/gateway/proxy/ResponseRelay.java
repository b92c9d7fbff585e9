package dev.gauntlet.gateway.proxy;

import io.undertow.client.ClientExchange;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Transfer;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Non-blocking byte moving between the two sides: writing a buffered request body upstream, and
 * streaming an upstream response body to the client (XNIO's {@link Transfer}, as Undertow's own proxy).
 *
 * <pre>{@code
 * ResponseRelay.writeBody(clientExchange.getRequestChannel(), body, this::onReset);
 * ResponseRelay.stream(clientExchange, serverExchange, this::done, this::broken);
 * }</pre>
 */
final class ResponseRelay {
    private ResponseRelay() {
    }

    /** Writes {@code body} then ends the request stream; {@code onError} on any I/O failure. */
    static void writeBody(StreamSinkChannel channel, byte[] body, Runnable onError) {
        ByteBuffer buf = ByteBuffer.wrap(body);
        ChannelListener<StreamSinkChannel> writer = new ChannelListener<>() {
            @Override
            public void handleEvent(StreamSinkChannel c) {
                try {
                    while (buf.hasRemaining()) {
                        if (c.write(buf) == 0) {
                            c.getWriteSetter().set(this);
                            c.resumeWrites();
                            return;
                        }
                    }
                    c.shutdownWrites();
                    if (!c.flush()) {
                        c.getWriteSetter().set(ChannelListeners.flushingChannelListener(
                                StreamSinkChannel::suspendWrites, (ch, e) -> onError.run()));
                        c.resumeWrites();
                    } else {
                        c.suspendWrites();
                    }
                } catch (IOException e) {
                    onError.run();
                }
            }
        };
        writer.handleEvent(channel);
    }

    /**
     * Streams the upstream response body to the client. {@code done} runs once the upstream body was
     * read to its end (the upstream connection is then reusable); {@code broken} on a failure either side.
     */
    static void stream(ClientExchange upstream, HttpServerExchange client, Runnable done, Runnable broken) {
        Transfer.initiateTransfer(upstream.getResponseChannel(), client.getResponseChannel(),
                ChannelListeners.closingChannelListener(),
                sink -> {
                    done.run();
                    try {
                        sink.shutdownWrites();
                        if (!sink.flush()) {
                            sink.getWriteSetter().set(ChannelListeners.flushingChannelListener(
                                    s -> s.getWriteSetter().set(null), ChannelListeners.closingChannelExceptionHandler()));
                            sink.resumeWrites();
                        }
                    } catch (IOException e) {
                        IoUtils.safeClose(client.getConnection());
                    }
                },
                (ch, e) -> broken.run(),
                (ch, e) -> broken.run(),
                client.getConnection().getByteBufferPool());
    }
}
