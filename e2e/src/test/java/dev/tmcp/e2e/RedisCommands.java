package dev.tmcp.e2e;

import dev.tmcp.test.StackEnv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One Redis command on the stack's Redis (RESP over a socket), for tests that must remove their own
 * keys. Answers the first line of the reply. Never used to flush anything.
 */
final class RedisCommands {

    private RedisCommands() {
    }

    static String run(String... command) {
        URI redis = URI.create(StackEnv.get("REDIS_URL"));
        try (Socket socket = new Socket(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort())) {
            StringBuilder request = new StringBuilder("*").append(command.length).append("\r\n");
            for (String part : command) {
                request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
