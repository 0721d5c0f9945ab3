package io.dirsync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A loopback port in front of a test server (the Bitwarden sandbox), to put on it what the server itself does not
 * do: TLS with a certificate from a test CA ({@link #tls}), or being gone for a while ({@link #pause}) and back on
 * the same port ({@link #resume}), as a restarted server is.
 */
public final class TcpRelay implements AutoCloseable {

    private final int targetPort;
    private final SSLContext tls;
    private final Path caFile;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final int port;
    private volatile ServerSocket listener;

    private TcpRelay(int targetPort, SSLContext tls, Path caFile) throws IOException {
        this.targetPort = targetPort;
        this.tls = tls;
        this.caFile = caFile;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    /** Plain TCP to {@code targetPort}. */
    public static TcpRelay plain(int targetPort) throws IOException {
        return new TcpRelay(targetPort, null, null);
    }

    /**
     * TLS in front of {@code targetPort}, with a server certificate for {@code subjectAltNames} (openssl syntax,
     * {@code IP:127.0.0.1}) signed by a CA made in {@code folder}: {@link #caFile()}.
     */
    public static TcpRelay tls(int targetPort, Path folder, List<String> subjectAltNames) throws IOException {
        TestCertificates files = TestCertificates.make(folder, Duration.ofDays(1), subjectAltNames);
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(Files.newInputStream(files.serverCertificate())).toArray(new Certificate[0]);
            keys.setKeyEntry("server", privateKey(files.serverKey()), new char[0], chain);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return new TcpRelay(targetPort, context, files.caFile());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the test server's key", e);
        }
    }

    public int port() {
        return port;
    }

    /** The CA that signed the TLS certificate. */
    public Path caFile() {
        return caFile;
    }

    /** Stops listening and drops every connection: nothing listens on the port until {@link #resume()}. */
    public synchronized void pause() {
        closeQuietly(listener);
        open.forEach(TcpRelay::closeQuietly);
        open.clear();
    }

    /** Listens on the same port again. */
    public synchronized void resume() {
        try {
            listener = listen(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        accept(listener);
    }

    @Override
    public void close() {
        pause();
    }

    private ServerSocket listen(int onPort) throws IOException {
        ServerSocket socket = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        return socket;
    }

    private void accept(ServerSocket from) {
        Thread acceptor = new Thread(() -> {
            while (!from.isClosed()) {
                try {
                    Socket client = from.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(client);
                    open.add(server);
                    pump(client, server);
                    pump(server, client);
                } catch (IOException e) {
                    // closed by pause(), or one connection failed: the next accept tells
                }
            }
        }, "relay-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // a side closed: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "relay-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception ignored) {
            // already closed
        }
    }
}
