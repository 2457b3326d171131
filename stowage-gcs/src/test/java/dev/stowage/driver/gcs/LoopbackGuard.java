package dev.stowage.driver.gcs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure emulator tests never reach Google: installed as the JVM's default proxy selector, it
 * lets connections to 127.0.0.1/localhost through and sends every other one to a closed local port
 * (so it fails at once), remembering where it was going. The Google client's HTTP transport asks
 * the default selector for every connection, including metadata-server and token lookups.
 */
final class LoopbackGuard extends ProxySelector {
    private static final LoopbackGuard INSTANCE = new LoopbackGuard();
    private static final Proxy BLACK_HOLE = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 9));

    private final Set<String> blocked = ConcurrentHashMap.newKeySet();
    private ProxySelector previous;

    static LoopbackGuard install() {
        synchronized (INSTANCE) {
            if (ProxySelector.getDefault() != INSTANCE) {
                INSTANCE.previous = ProxySelector.getDefault();
                ProxySelector.setDefault(INSTANCE);
            }
        }
        return INSTANCE;
    }

    /** Hosts other than loopback that something tried to reach. */
    Set<String> blocked() {
        return Set.copyOf(blocked);
    }

    /** Forgets what was blocked so far (for the guard's own test). */
    void reset() {
        blocked.clear();
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost();
        if (host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1")
                || host.equals("[::1]"))) {
            return List.of(Proxy.NO_PROXY);
        }
        blocked.add(String.valueOf(uri));
        return List.of(BLACK_HOLE);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // expected for blocked hosts
    }
}
