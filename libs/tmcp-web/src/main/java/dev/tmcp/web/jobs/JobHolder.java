package dev.tmcp.web.jobs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** The name a replica holds its job leases under. */
public final class JobHolder {

    private JobHolder() {
    }

    /**
     * Host and port: the same after a restart in place (a pod's container, a local process), so the
     * replica takes its leases back at once, and different for every replica running at the same
     * time. Without a fixed port, a name of this process only.
     */
    public static String of(int port) {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        if (host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        if (port > 0) {
            return host + ":" + port;
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }
}
