package dev.gauntlet.gateway;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.SSLEngine;
import java.net.Socket;

/**
 * SSL contexts for upstream TLS: the JVM default (verifying), or one trusting any certificate for
 * {@code tls.verify: false} (self-signed test backends).
 *
 * <pre>{@code SSLContext ctx = TlsContexts.context(false);}</pre>
 */
public final class TlsContexts {
    private static volatile SSLContext trustAll;

    private TlsContexts() {
    }

    public static SSLContext context(boolean verify) {
        try {
            if (verify) {
                return SSLContext.getDefault();
            }
            SSLContext c = trustAll;
            if (c == null) {
                c = SSLContext.getInstance("TLS");
                c.init(null, new TrustManager[]{new TrustAnything()}, null);
                trustAll = c;
            }
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS available", e);
        }
    }

    /**
     * Extended on purpose: JSSE wraps a plain X509TrustManager and still checks the host name against
     * the certificate, which a self-signed test backend (CN=127.0.0.1, no SAN) fails.
     */
    private static final class TrustAnything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    public static SSLSocketFactory socketFactory(boolean verify) {
        return context(verify).getSocketFactory();
    }
}
