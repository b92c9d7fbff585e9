package dev.gauntlet.harness.fault;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Looks at the certificate a port serves: a TLS handshake that trusts anything (the question is what is
 * served, not whether it is good — that is the gateway's question) and the leaf certificate it got.
 *
 * <pre>{@code
 * X509Certificate leaf = TlsLook.leaf("127.0.0.1", 41001, 2_000);   // null: no handshake
 * TlsLook.dnsNames(leaf);                                           // [localhost]
 * }</pre>
 */
final class TlsLook {

    private TlsLook() {
    }

    static X509Certificate leaf(String host, int port, int timeoutMs) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), timeoutMs);
            plain.setSoTimeout(timeoutMs);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true)) {
                tls.startHandshake();
                Certificate[] chain = tls.getSession().getPeerCertificates();
                return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
            }
        } catch (Exception noHandshake) {
            return null;
        }
    }

    static List<String> dnsNames(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            if (cert.getSubjectAlternativeNames() != null) {
                for (List<?> san : cert.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        out.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException unreadable) {
            // no names to report
        }
        return out;
    }
}
