package dev.gauntlet.harness.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Independent probes that verify a fault took effect. Each uses a fresh socket and a hand-written
 * HTTP/1.1 request, so no connection pool or client library can blur what the network did.
 */
public final class Probe {

    /** Outcome of one probe; {@code status} is -1 when no HTTP status line arrived. */
    public record Result(Outcome outcome, int status, double millis) {
        public String describe(String where) {
            return switch (outcome) {
                case REFUSED -> where + " refused the connection (" + fmt(millis) + " ms)";
                case CONNECT_TIMEOUT -> where + " did not answer the SYN within " + fmt(millis) + " ms";
                case NO_ANSWER -> where + " accepted but sent no answer within " + fmt(millis) + " ms";
                case CLOSED -> where + " closed the connection without an answer (" + fmt(millis) + " ms)";
                case ANSWERED -> where + " answered " + status + " in " + fmt(millis) + " ms";
            };
        }
    }

    public enum Outcome { REFUSED, CONNECT_TIMEOUT, NO_ANSWER, CLOSED, ANSWERED }

    private Probe() {
    }

    /** GET {@code path} on host:port with a fresh connection. */
    public static Result http(String host, int port, String path, int timeoutMs) {
        return http(host, port, path, timeoutMs, false);
    }

    /**
     * The same over TLS when {@code tls}: the handshake trusts any certificate, since the probe asks whether
     * the backend answers; whether its certificate is good is the gateway's question, and the scenario's.
     */
    public static Result http(String host, int port, String path, int timeoutMs, boolean tls) {
        long start = System.nanoTime();
        try (Socket plain = new Socket()) {
            Socket socket = plain;
            try {
                socket.connect(new InetSocketAddress(host, port), timeoutMs);
            } catch (ConnectException refused) {
                return new Result(Outcome.REFUSED, -1, elapsed(start));
            } catch (SocketTimeoutException silent) {
                return new Result(Outcome.CONNECT_TIMEOUT, -1, elapsed(start));
            }
            socket.setSoTimeout(timeoutMs);
            if (tls) {
                socket = trustingAnyCertificate().createSocket(plain, host, port, true);
            }
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            int read = 0;
            while (read < head.length) {
                int n = in.read(head, read, head.length - read);
                if (n < 0) {
                    return new Result(Outcome.CLOSED, -1, elapsed(start));
                }
                read += n;
            }
            String statusLine = new String(head, StandardCharsets.US_ASCII);
            int status = Integer.parseInt(statusLine.substring(9, 12));
            Result answered = new Result(Outcome.ANSWERED, status, elapsed(start));
            drain(in);
            return answered;
        } catch (SocketTimeoutException e) {
            return new Result(Outcome.NO_ANSWER, -1, elapsed(start));
        } catch (IOException | RuntimeException | java.security.GeneralSecurityException e) {
            return new Result(Outcome.CLOSED, -1, elapsed(start));
        }
    }

    /** Only the TCP handshake. */
    public static Result connect(String host, int port, int timeoutMs) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            return new Result(Outcome.ANSWERED, -1, elapsed(start));
        } catch (ConnectException refused) {
            return new Result(Outcome.REFUSED, -1, elapsed(start));
        } catch (SocketTimeoutException silent) {
            return new Result(Outcome.CONNECT_TIMEOUT, -1, elapsed(start));
        } catch (IOException e) {
            return new Result(Outcome.CLOSED, -1, elapsed(start));
        }
    }

    private static double elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    static String fmt(double ms) {
        return String.format(java.util.Locale.ROOT, "%.1f", ms);
    }

    /**
     * Reads the rest of the (small, Connection: close) answer before closing. Closing mid-answer makes
     * Toxiproxy 2.12.0 fail a write while a toxic (slicer, bandwidth) still streams it, after which removing
     * that toxic can hang its API for good (Shopify/toxiproxy#558; seen once in FaultsContainersIT).
     */
    private static void drain(InputStream in) {
        byte[] rest = new byte[4096];
        try {
            for (int total = 0; total < (1 << 16); ) {
                int n = in.read(rest);
                if (n < 0) {
                    return;
                }
                total += n;
            }
        } catch (IOException | RuntimeException timedOutOrReset) {
            // the status line is what the probe reports; the rest is only read to close cleanly
        }
    }

    private static javax.net.ssl.SSLSocketFactory trustingAnyCertificate() throws java.security.GeneralSecurityException {
        javax.net.ssl.TrustManager[] any = {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }};
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, any, null);
        return context.getSocketFactory();
    }
}
