package dev.stowage.testkit.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy on 127.0.0.1 that puts real network faults between a client and a server (s3proxy,
 * Azurite, any HTTP server): so that retry, timeout and failover layers are tested against what
 * sockets really do, not only against thrown exceptions.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start("127.0.0.1", s3proxyPort)) {
 *     URI endpoint = proxy.uri("http");                // give this to the driver instead of the server's
 *     proxy.delay(Duration.ofMillis(200));             // every chunk forwarded 200 ms late
 *     proxy.cutAfter(64 * 1024);                       // connections die after 64 KiB from the server
 *     proxy.reset();                                   // new and open connections get a TCP RST
 *     proxy.refuse();                                  // nothing listens: connection refused
 *     proxy.blackhole();                               // accepts, never answers: timeouts
 *     proxy.pass();                                    // back to normal
 * }
 * }</pre>
 *
 * <p>Modes apply to new connections, and {@link #reset()}/{@link #refuse()} also break the open ones.
 */
public final class FaultProxy implements AutoCloseable {

    /** What the proxy does to connections. */
    public enum Mode { PASS, DELAY, CUT, RESET, REFUSE, BLACKHOLE }

    private final InetSocketAddress target;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final int port;
    private ServerSocket server;
    private Socket portHolder;
    private volatile Mode mode = Mode.PASS;
    private volatile Duration delay = Duration.ZERO;
    private volatile long cutAfter = Long.MAX_VALUE;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = bind(0);
        this.port = server.getLocalPort();
        acceptLoop(server);
    }

    /** Starts a proxy on a free port of 127.0.0.1 forwarding to {@code host:port}. */
    public static FaultProxy start(String host, int port) {
        try {
            return new FaultProxy(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fault proxy", e);
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    /** The proxy's port. */
    public int port() {
        return port;
    }

    /** {@code scheme://127.0.0.1:port}, to configure a client with. */
    public URI uri(String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + port);
    }

    /** The current mode. */
    public Mode mode() {
        return mode;
    }

    /** Connections accepted so far. */
    public long connections() {
        return connections.get();
    }

    /** Forward faithfully. */
    public FaultProxy pass() {
        return set(Mode.PASS);
    }

    /** Forward every chunk, both ways, {@code delay} late. */
    public FaultProxy delay(Duration delay) {
        this.delay = Objects.requireNonNull(delay);
        return set(Mode.DELAY);
    }

    /** Forward requests, but close each connection after {@code bytes} bytes of response. */
    public FaultProxy cutAfter(long bytes) {
        this.cutAfter = bytes;
        return set(Mode.CUT);
    }

    /** Answer new connections, and break open ones, with a TCP reset. */
    public FaultProxy reset() {
        set(Mode.RESET);
        open.forEach(FaultProxy::abort);
        return this;
    }

    /** Stop listening (connection refused) and break open connections, until another mode is set. */
    public FaultProxy refuse() {
        set(Mode.REFUSE);
        open.forEach(FaultProxy::abort);
        return this;
    }

    /** Accept connections and never forward anything: the client's timeouts must fire. */
    public FaultProxy blackhole() {
        return set(Mode.BLACKHOLE);
    }

    private FaultProxy set(Mode next) {
        lock.lock();
        try {
            Mode previous = mode;
            mode = next;
            if (next == Mode.REFUSE && previous != Mode.REFUSE) {
                closeQuietly(server);
                // Keep the port taken while refusing: a free port of the ephemeral range may be handed
                // to the client's own connect as its source port, and a connect from port P to port P
                // on one host "succeeds" by connecting to itself (TCP simultaneous open), then hangs.
                // A socket bound but not listening holds the port and still answers SYNs with RST.
                try {
                    Socket holder = new Socket();
                    holder.setReuseAddress(true);
                    holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    portHolder = holder;
                } catch (IOException e) {
                    portHolder = null; // best effort: refusing still works, only the self-connect guard is lost
                }
            } else if (next != Mode.REFUSE && previous == Mode.REFUSE && !closed) {
                closeQuietly(portHolder);
                portHolder = null;
                try {
                    server = bind(port);
                    acceptLoop(server);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot listen again on port " + port, e);
                }
            }
            return this;
        } finally {
            lock.unlock();
        }
    }

    private void acceptLoop(ServerSocket listening) {
        Thread.ofVirtual().name("fault-proxy-accept-" + port).start(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().name("fault-proxy-conn").start(() -> handle(client));
                } catch (IOException e) {
                    return; // closed: refuse mode or shutdown
                }
            }
        });
    }

    private void handle(Socket client) {
        Mode m = mode;
        open.add(client);
        if (m == Mode.RESET) {
            abort(client);
            return;
        }
        if (m == Mode.BLACKHOLE) {
            try (InputStream in = client.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the client gave up
            } finally {
                open.remove(client);
                closeQuietly(client);
            }
            return;
        }
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 5_000);
        } catch (IOException e) {
            abort(client);
            closeQuietly(upstream);
            return;
        }
        open.add(upstream);
        long limit = m == Mode.CUT ? cutAfter : Long.MAX_VALUE;
        Thread.ofVirtual().start(() -> pump(client, upstream, Long.MAX_VALUE));
        pump(upstream, client, limit);
    }

    private void pump(Socket from, Socket to, long limit) {
        byte[] buf = new byte[16 * 1024];
        long sent = 0;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (mode == Mode.DELAY && !delay.isZero()) {
                    Thread.sleep(delay);
                }
                int chunk = (int) Math.min(n, limit - sent);
                out.write(buf, 0, chunk);
                out.flush();
                sent += chunk;
                if (sent >= limit) {
                    abort(to);
                    abort(from);
                    return;
                }
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            closeQuietly(to);
            closeQuietly(from);
        } finally {
            if (from.isClosed() || to.isClosed()) {
                open.remove(from);
                open.remove(to);
            }
        }
    }

    private static void abort(Socket s) {
        try {
            s.setSoLinger(true, 0); // close with RST, not FIN
        } catch (SocketException ignored) {
            // already closed
        }
        closeQuietly(s);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing to do
        }
    }

    /** Stops listening and breaks every open connection. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            closeQuietly(server);
            closeQuietly(portHolder);
            open.forEach(FaultProxy::closeQuietly);
            open.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[127.0.0.1:" + port + " -> " + target + ", " + mode + "]";
    }
}
