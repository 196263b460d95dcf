package dev.tmcp.bridge.messaging;

import dev.tmcp.bridge.homeserver.MatrixApi;

final class HomeserverRefusal {

    private HomeserverRefusal() {
    }

    /** The homeserver does not know the user (or refuses to say): treated as "in no room". */
    static boolean is(Throwable e) {
        return e instanceof MatrixApi.MatrixError m && m.status().is4xxClientError();
    }
}
