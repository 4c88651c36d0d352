package io.wireingest.worker.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback listener that accepts each connection and closes it at its first byte, as a plaintext broker does to a
 * TLS hello: for the TLS/SASL hint of the start-up and topic checks.
 */
public final class ClosingListener implements AutoCloseable {
    private final ServerSocket server;

    public ClosingListener() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread closer = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.getInputStream().read();
                } catch (IOException e) {
                    // closed: the test is over
                }
            }
        });
        closer.setDaemon(true);
        closer.start();
    }

    /** The bootstrap servers to give the client: {@code 127.0.0.1:<port>}. */
    public String servers() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
