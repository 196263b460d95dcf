package dev.tmcp.appstore.outbound;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The webhook client's name resolution: a host resolves only to addresses the {@link AddressPolicy}
 * allows, and the connection is made to exactly that address, so a DNS answer that changes between
 * a check and the connect (rebinding) cannot reach an internal address.
 */
final class GuardedResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final AddressPolicy policy;

    GuardedResolverGroup(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new GuardedNameResolver(executor, policy));
    }

    /** Refused by the policy: the delivery fails like an unreachable receiver. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String host) {
            super(host + " resolves to an address webhooks may not be sent to");
        }
    }

    private static final class GuardedNameResolver extends InetNameResolver {

        private final AddressPolicy policy;

        GuardedNameResolver(EventExecutor executor, AddressPolicy policy) {
            super(executor);
            this.policy = policy;
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            try {
                List<InetAddress> allowed = allowed(host);
                promise.setSuccess(allowed.getFirst());
            } catch (UnknownHostException e) {
                promise.setFailure(e);
            }
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            try {
                promise.setSuccess(allowed(host));
            } catch (UnknownHostException e) {
                promise.setFailure(e);
            }
        }

        /** Every address of the host must be allowed: one internal answer refuses the host. */
        private List<InetAddress> allowed(String host) throws UnknownHostException {
            List<InetAddress> all = Arrays.asList(InetAddress.getAllByName(host));
            if (all.isEmpty() || !all.stream().allMatch(policy::allows)) {
                throw new RefusedAddressException(host);
            }
            return all;
        }
    }
}
