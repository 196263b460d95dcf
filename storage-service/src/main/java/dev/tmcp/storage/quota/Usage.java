package dev.tmcp.storage.quota;

/** Bytes (UTF-8 of values) and keys a namespace uses. */
public record Usage(long bytes, int keys) {

    public Usage minus(long bytesOut, int keysOut) {
        return new Usage(bytes - bytesOut, keys - keysOut);
    }

    public Usage plus(long bytesIn, int keysIn) {
        return new Usage(bytes + bytesIn, keys + keysIn);
    }
}
