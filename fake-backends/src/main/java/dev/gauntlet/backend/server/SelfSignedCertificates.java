package dev.gauntlet.backend.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Generates self-signed X.509 certificates in-process with a minimal DER writer: no BouncyCastle and
 * no {@code keytool} process, so an HTTPS backend still starts in well under a second (an EC P-256
 * key and one signature take milliseconds).
 *
 * <pre>{@code
 * var generated = SelfSignedCertificates.generate("localhost", List.of("localhost"), true,
 *         Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)));
 * X509Certificate cert = generated.certificate();
 * }</pre>
 */
public final class SelfSignedCertificates {
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final byte[] LOOPBACK = {127, 0, 0, 1};
    /** More addresses a certificate that names 127.0.0.1 also names ({@code --tls-ip-san}): set once at start. */
    private static volatile List<byte[]> alsoNamed = List.of();

    /** Certificates naming 127.0.0.1 name these too: the addresses clients reach this backend at. */
    public static void nameAlsoAddresses(List<byte[]> addresses) {
        alsoNamed = List.copyOf(addresses);
    }

    /** A key pair with its certificate. */
    public record Generated(KeyPair keys, X509Certificate certificate) {
    }

    private SelfSignedCertificates() {
    }

    /** A self-signed certificate for {@code commonName} with DNS SANs {@code dnsNames} (and 127.0.0.1 if asked), valid in [notBefore, notAfter]. */
    public static Generated generate(String commonName, List<String> dnsNames, boolean loopbackIp, Instant notBefore,
                                     Instant notAfter) throws GeneralSecurityException {
        KeyPair keys = newKeys(new SecureRandom());
        return new Generated(keys, issue(commonName, dnsNames, loopbackIp, notBefore, notAfter, keys.getPublic(),
                commonName, keys.getPrivate(), false));
    }

    /** A P-256 key pair; a seeded SHA1PRNG gives the same pair every time (used for the test CA). */
    static KeyPair newKeys(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"), random);
        return kpg.generateKeyPair();
    }

    /** A certificate for {@code subjectKey} signed by {@code issuerKey}; {@code ca} marks it as a CA. */
    static X509Certificate issue(String commonName, List<String> dnsNames, boolean loopbackIp, Instant notBefore,
                                 Instant notAfter, PublicKey subjectKey, String issuerName, PrivateKey issuerKey,
                                 boolean ca) throws GeneralSecurityException {
        byte[] algorithm = seq(oid(ECDSA_WITH_SHA256));
        ByteArrayOutputStream exts = new ByteArrayOutputStream();
        if (ca) {
            // basicConstraints, critical, cA TRUE
            exts.writeBytes(seq(oid(BASIC_CONSTRAINTS), tlv(0x01, new byte[] {(byte) 0xFF}),
                    tlv(0x04, seq(tlv(0x01, new byte[] {(byte) 0xFF})))));
        }
        ByteArrayOutputStream sans = new ByteArrayOutputStream();
        for (String dns : dnsNames) {
            sans.writeBytes(tlv(0x82, dns.getBytes(StandardCharsets.US_ASCII)));
        }
        if (loopbackIp) {
            sans.writeBytes(tlv(0x87, LOOPBACK));
            for (byte[] ip : alsoNamed) {
                sans.writeBytes(tlv(0x87, ip));
            }
        }
        if (sans.size() > 0) {
            exts.writeBytes(seq(oid(SUBJECT_ALT_NAME), tlv(0x04, seq(sans.toByteArray()))));
        }
        byte[] tbs = seq(
                tlv(0xA0, tlv(0x02, new byte[] {2})),                  // version 3
                tlv(0x02, new BigInteger(63, new SecureRandom()).add(BigInteger.ONE).toByteArray()),
                algorithm,
                name(issuerName),
                seq(time(notBefore), time(notAfter)),
                name(commonName),
                subjectKey.getEncoded(),                              // SubjectPublicKeyInfo, already DER
                tlv(0xA3, seq(exts.toByteArray())));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKey);
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bitString = new byte[signature.length + 1];               // leading 0: no unused bits
        System.arraycopy(signature, 0, bitString, 1, signature.length);
        byte[] der = seq(tbs, algorithm, tlv(0x03, bitString));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] name(String commonName) {
        return seq(set(seq(oid(COMMON_NAME), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] time(Instant t) {
        var utc = t.atZone(ZoneOffset.UTC);
        // RFC 5280: UTCTime through 2049, GeneralizedTime from 2050.
        return utc.getYear() < 2050
                ? tlv(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").format(utc).getBytes(StandardCharsets.US_ASCII))
                : tlv(0x18, DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").format(utc).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            long v = Long.parseLong(parts[i]);
            byte[] tmp = new byte[10];
            int n = 0;
            do {
                tmp[n++] = (byte) (v & 0x7F);
                v >>>= 7;
            } while (v > 0);
            for (int j = n - 1; j >= 0; j--) {
                out.write(tmp[j] | (j > 0 ? 0x80 : 0));
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            int bytes = len > 0xFFFF ? 3 : len > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((len >>> (8 * i)) & 0xFF);
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
