package dev.tmcp.appstore.release;

import dev.tmcp.appstore.outbound.GuardedHttp;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Downloads a bundle once, at publication, to learn what the platform signs: its SHA-256 and
 * size. The bytes are hashed as they arrive and never kept; a bundle over the limit is refused
 * as soon as it passes it. The URL is a developer's, so it goes through {@link GuardedHttp}.
 */
@Component
class BundleFetcher {

    /** What was downloaded. */
    record Fetched(String sha256Hex, long sizeBytes) {
    }

    private final WebClient client;
    private final ReleaseProperties properties;

    BundleFetcher(WebClient.Builder builder, ReleaseProperties properties) {
        this.properties = properties;
        this.client = builder.clone()
                .clientConnector(new ReactorClientHttpConnector(
                        GuardedHttp.client(properties.allowPrivateAddresses(), properties.fetchTimeout())))
                .build();
    }

    Mono<Fetched> fetch(URI url) {
        if (!GuardedHttp.schemeAllowed(url, properties.allowHttp())) {
            return Mono.error(invalid("bundle_url must use https"));
        }
        long max = properties.maxBundleSize().toBytes();
        return client.get().uri(url)
                .exchangeToMono(response -> {
                    if (!response.statusCode().is2xxSuccessful()) {
                        return response.releaseBody().then(Mono.error(
                                invalid("bundle_url answered " + response.statusCode().value())));
                    }
                    return response.bodyToFlux(DataBuffer.class)
                            .reduce(new Digest(max), Digest::add)
                            .defaultIfEmpty(new Digest(max))
                            .map(Digest::result);
                })
                .timeout(properties.fetchTimeout())
                .onErrorMap(e -> !(e instanceof TmcpException),
                        e -> invalid("bundle_url could not be downloaded: " + e.getClass().getSimpleName()));
    }

    private static TmcpException invalid(String message) {
        return new TmcpException(ErrorCode.INVALID_REQUEST, message);
    }

    /** A running SHA-256 over the body, refusing it past the limit. */
    private static final class Digest {
        private final MessageDigest sha256;
        private final long max;
        private long size;

        Digest(long max) {
            this.max = max;
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Digest add(DataBuffer buffer) {
            try {
                size += buffer.readableByteCount();
                if (size > max) {
                    throw new TmcpException(ErrorCode.PAYLOAD_TOO_LARGE, "The bundle is larger than " + max + " bytes");
                }
                try (DataBuffer.ByteBufferIterator chunks = buffer.readableByteBuffers()) {
                    chunks.forEachRemaining(sha256::update);
                }
                return this;
            } finally {
                org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
            }
        }

        Fetched result() {
            if (size == 0) {
                throw new TmcpException(ErrorCode.INVALID_REQUEST, "bundle_url answered an empty body");
            }
            return new Fetched(HexFormat.of().formatHex(sha256.digest()), size);
        }
    }
}
