package dev.tmcp.bridge.homeserver;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The bots' avatars: a plain disc in the bot's colour with a lighter ring, drawn without fonts so
 * it works on a headless server with no font packages.
 */
final class BotAvatars {

    private static final int SIZE = 96;

    private BotAvatars() {
    }

    static byte[] png(int rgb) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Color colour = new Color(rgb);
            g.setColor(colour);
            g.fillOval(0, 0, SIZE, SIZE);
            g.setColor(colour.brighter().brighter());
            g.fillOval(SIZE / 4, SIZE / 4, SIZE / 2, SIZE / 2);
            g.setColor(colour);
            g.fillOval(SIZE * 3 / 8, SIZE * 3 / 8, SIZE / 4, SIZE / 4);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
