package org.gridloop.intake;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Photos as phones write them, for the tests: a JPEG with EXIF (orientation, a GPS position, the camera) or a PNG. */
public final class TestPhotos {

    /** What the EXIF of {@link #phoneJpeg} says besides its orientation: must never be served back. */
    public static final String SECRET = "GPS 39.904211N 116.407395E SN-CAM-4711";

    private TestPhotos() {
    }

    /** A {@code width} × {@code height} picture, red on its left half and blue on its right. */
    public static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    public static byte[] png(int width, int height) {
        return encode(picture(width, height), "png");
    }

    /**
     * A JPEG as a phone writes it: stored {@code width} × {@code height} with an EXIF block after the start marker
     * holding the orientation tag and an ImageDescription with {@link #SECRET}.
     */
    public static byte[] phoneJpeg(int width, int height, int orientation) {
        byte[] jpeg = encode(picture(width, height), "jpeg");
        byte[] exif = exif(orientation);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        int length = exif.length + 2;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(exif, 0, exif.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] exif(int orientation) {
        byte[] text = (SECRET + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        // TIFF, big endian: header, IFD0 at offset 8 with two entries, then the description's text
        b.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
        b.writeBytes(new byte[] {0, 2});
        int textOffset = 8 + 2 + 2 * 12 + 4;
        b.writeBytes(new byte[] {0x01, 0x0E, 0, 2}); // ImageDescription, ASCII
        b.writeBytes(u32(text.length));
        b.writeBytes(u32(textOffset));
        b.writeBytes(new byte[] {0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0}); // Orientation, SHORT
        b.writeBytes(u32(0)); // no next IFD
        b.writeBytes(text);
        return b.toByteArray();
    }

    private static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code haystack} contains the bytes of {@code text} anywhere. */
    public static boolean contains(byte[] haystack, String text) {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
