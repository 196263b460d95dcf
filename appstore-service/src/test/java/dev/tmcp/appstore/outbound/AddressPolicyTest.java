package dev.tmcp.appstore.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Outside the local profile webhooks reach only public unicast addresses. */
class AddressPolicyTest {

    private final AddressPolicy strict = new AddressPolicy(false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.8.8", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.254", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::",
            "fe80::1", "fd00::1", "fc00::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "ff02::1"})
    void refusesInternalAddresses(String address) throws Exception {
        assertThat(strict.allows(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1::1", "::ffff:8.8.8.8"})
    void allowsPublicAddresses(String address) throws Exception {
        assertThat(strict.allows(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "::1"})
    void theLocalProfileAllowsPrivateAddresses(String address) throws Exception {
        assertThat(new AddressPolicy(true).allows(InetAddress.getByName(address))).isTrue();
    }
}
