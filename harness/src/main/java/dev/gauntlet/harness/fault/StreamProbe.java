package dev.gauntlet.harness.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A raw-socket measurement of one HTTP exchange through a Toxiproxy proxy: it asks the fake backend's
 * measuring path for {@code bodyBytes} bytes (optionally sending {@code uploadBytes} itself), and records
 * every read — its size and when it came — up to the end of the stream. From that record the toxics are
 * measured, not assumed: the byte count at which {@code limit_data} cut, the chunks a {@code slicer} let
 * through and the gaps between them, the throughput a {@code bandwidth} allowed, how long a
 * {@code slow_close} held the close, the delay a {@code latency} added.
 *
 * <pre>{@code
 * StreamProbe.Result r = StreamProbe.fetch("127.0.0.1", 41001, 8_000, 0, 2_000);
 * r.bytes();                 // 8,1xx: head and body, as they crossed the wire
 * r.throughputKBps();        // bytes per ms from the request to the last byte
 * r.closeDelayMs();          // last byte → end of stream
 * }</pre>
 */
final class StreamProbe {

    /** The fake backend's measuring path on its data port (fake-backends README: answers n bytes outside the behaviour). */
    static final String BYTES_PATH = "/_control/bytes";

    /**
     * One exchange; times are milliseconds from the probe's start, -1 when it did not happen.
     *
     * @param bytes         every byte received, head and body (what a toxic acts on)
     * @param expectedBytes head + Content-Length once the head was read, else -1
     * @param sentMs        when the request (and any upload) began to be written
     * @param endMs         when the probe ended: end of stream, or the deadline
     * @param eof           whether the stream ended (the peer closed) before the deadline
     */
    record Result(Probe.Outcome outcome, int status, long bytes, long expectedBytes, double sentMs, double firstByteMs,
                  double lastByteMs, double endMs, boolean eof, List<Integer> readSizes, List<Double> readTimesMs,
                  String prefix) {

        /** The start of the body (the first bytes after the head, up to 4 KiB of the whole exchange). */
        String bodyStart() {
            int end = prefix.indexOf("\r\n\r\n");
            return end < 0 ? "" : prefix.substring(end + 4);
        }

        /** Every byte of the answer arrived. */
        boolean complete() {
            return expectedBytes > 0 && bytes >= expectedBytes;
        }

        /** Bytes per millisecond (= KB/s, Toxiproxy's unit) from the request sent to the last byte. */
        double throughputKBps() {
            double ms = lastByteMs - sentMs;
            return bytes == 0 || ms <= 0 ? Double.POSITIVE_INFINITY : bytes / ms;
        }

        /** From the last byte to the end of the stream; with no end seen, a lower bound (to the deadline). */
        double closeDelayMs() {
            return lastByteMs < 0 ? -1 : endMs - lastByteMs;
        }

        /** Round trip to the first byte of the answer. */
        double firstByteDelayMs() {
            return firstByteMs < 0 ? -1 : firstByteMs - sentMs;
        }

        /** Transfer time from the request sent to the last byte. */
        double transferMs() {
            return lastByteMs < 0 ? -1 : lastByteMs - sentMs;
        }

        double medianReadSize() {
            return median(readSizes.stream().map(Integer::doubleValue).toList());
        }

        int maxReadSize() {
            return readSizes.stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        /** Median gap between successive reads, in ms (0 with fewer than two reads). */
        double medianGapMs() {
            List<Double> gaps = new ArrayList<>();
            for (int i = 1; i < readTimesMs.size(); i++) {
                gaps.add(readTimesMs.get(i) - readTimesMs.get(i - 1));
            }
            return median(gaps);
        }

        String describe(String where) {
            return String.format(Locale.ROOT, "%s: %s, %d of %s bytes, first byte %.1f ms, last %.1f ms, end %.1f ms%s",
                    where, outcome == Probe.Outcome.ANSWERED ? "status " + status : outcome.name().toLowerCase(Locale.ROOT),
                    bytes, expectedBytes < 0 ? "?" : String.valueOf(expectedBytes), firstByteDelayMs(), transferMs(), endMs,
                    eof ? "" : " (no end of stream)");
        }
    }

    private StreamProbe() {
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Asks {@code host:port} for {@code bodyBytes} bytes, sending {@code uploadBytes} of request body
     * (a POST) when positive, and reads until the peer closes or {@code timeoutMs} passes.
     */
    static Result fetch(String host, int port, int bodyBytes, int uploadBytes, int timeoutMs) {
        return fetch(host, port, BYTES_PATH + "?n=" + bodyBytes, uploadBytes, timeoutMs);
    }

    /** The same exchange on any path (a data or health path, subject to the backend's behaviour). */
    static Result fetch(String host, int port, String path, int uploadBytes, int timeoutMs) {
        long start = System.nanoTime();
        long deadline = start + timeoutMs * 1_000_000L;
        List<Integer> sizes = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(host, port), timeoutMs);
            } catch (ConnectException refused) {
                return failed(Probe.Outcome.REFUSED, start, sizes, times);
            } catch (SocketTimeoutException silent) {
                return failed(Probe.Outcome.CONNECT_TIMEOUT, start, sizes, times);
            }
            OutputStream out = socket.getOutputStream();
            String head = (uploadBytes > 0 ? "POST " : "GET ") + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nUser-Agent: gauntlet-probe\r\nConnection: close\r\n"
                    + (uploadBytes > 0 ? "Content-Length: " + uploadBytes + "\r\n" : "") + "\r\n";
            // stamped before the write: stamped after it, a thread descheduled right after the flush would
            // shorten every delay measured from here (seen under load: a first byte "0.0 ms" after sending)
            double sent = ms(start);
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (uploadBytes > 0) {
                byte[] upload = new byte[uploadBytes];
                java.util.Arrays.fill(upload, (byte) 'u');
                out.write(upload);
            }
            out.flush();
            return read(socket.getInputStream(), socket, start, deadline, sent, sizes, times);
        } catch (IOException e) {
            return failed(Probe.Outcome.CLOSED, start, sizes, times);
        }
    }

    private static Result read(InputStream in, Socket socket, long start, long deadline, double sent, List<Integer> sizes,
                               List<Double> times) throws IOException {
        byte[] buf = new byte[65_536];
        java.io.ByteArrayOutputStream headBytes = new java.io.ByteArrayOutputStream();
        long total = 0;
        long expected = -1;
        int status = -1;
        boolean eof = false;
        boolean reset = false;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) Math.max(1, left));
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException quiet) {
                break;
            } catch (IOException resetByPeer) {
                reset = true;
                eof = true;
                break;
            }
            if (n < 0) {
                eof = true;
                break;
            }
            times.add(ms(start));
            sizes.add(n);
            total += n;
            if (headBytes.size() < 4096) {
                headBytes.write(buf, 0, Math.min(n, 4096 - headBytes.size()));
            }
            if (expected < 0) {
                String text = headBytes.toString(StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0) {
                    status = parseStatus(text);
                    expected = end + 4 + contentLength(text.substring(0, end));
                }
            }
        }
        double endMs = ms(start);
        double first = times.isEmpty() ? -1 : times.get(0);
        double last = times.isEmpty() ? -1 : times.get(times.size() - 1);
        Probe.Outcome outcome = status > 0 && !reset ? Probe.Outcome.ANSWERED
                : eof ? Probe.Outcome.CLOSED : Probe.Outcome.NO_ANSWER;
        if (status > 0 && expected > 0 && total < expected && eof) {
            outcome = Probe.Outcome.CLOSED; // cut mid-answer
        }
        return new Result(outcome, status, total, expected, sent, first, last, endMs, eof, List.copyOf(sizes), List.copyOf(times),
                headBytes.toString(StandardCharsets.ISO_8859_1));
    }

    private static int parseStatus(String head) {
        try {
            return Integer.parseInt(head.substring(9, 12));
        } catch (RuntimeException notHttp) {
            return -1;
        }
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    private static Result failed(Probe.Outcome outcome, long start, List<Integer> sizes, List<Double> times) {
        return new Result(outcome, -1, 0, -1, -1, -1, -1, ms(start), outcome == Probe.Outcome.CLOSED, sizes, times, "");
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
