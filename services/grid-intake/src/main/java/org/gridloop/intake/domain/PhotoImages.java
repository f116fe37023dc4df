package org.gridloop.intake.domain;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;

/**
 * What the system keeps of an uploaded photo: the pixels, upright, at most {@code maxSide} pixels on the long side,
 * re-encoded in the type it came in (JPEG or PNG), and a JPEG thumbnail. Re-encoding writes the pixels only: every
 * piece of metadata the phone wrote (EXIF with its GPS position, the camera's serial number, XMP, comments, PNG text
 * chunks) is left behind. The EXIF orientation is read first and applied to the pixels, so the photo still shows the
 * right way up. The type is read from the file's first bytes, never taken from what the client declared; the pixel
 * count is read from the header before any pixel is decoded, and a large photo is decoded subsampled, so a small
 * file that claims huge dimensions (a decompression bomb) costs nothing.
 */
public final class PhotoImages {

    /** The types kept: what phone cameras and browsers send. */
    public enum Type {
        JPEG("image/jpeg", "jpeg"), PNG("image/png", "png");

        public final String mediaType;
        final String format;

        Type(String mediaType, String format) {
            this.mediaType = mediaType;
            this.format = format;
        }

        /** The type by the file's signature (magic bytes), or empty when it is neither. */
        public static Optional<Type> sniff(byte[] data) {
            if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
                return Optional.of(JPEG);
            }
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
            if (data.length >= png.length) {
                for (int i = 0; i < png.length; i++) {
                    if (data[i] != png[i]) {
                        return Optional.empty();
                    }
                }
                return Optional.of(PNG);
            }
            return Optional.empty();
        }

        public static Optional<Type> ofMediaType(String mediaType) {
            if (mediaType == null) {
                return Optional.empty();
            }
            String base = mediaType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
            for (Type t : values()) {
                if (t.mediaType.equals(base) || ("image/jpg".equals(base) && t == JPEG)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /** Why a file is not kept: the reason a 4xx names. */
    public static final class Refused extends RuntimeException {
        public enum Why { NOT_AN_IMAGE, TOO_MANY_PIXELS }

        public final Why why;

        Refused(Why why, String message) {
            super(message);
            this.why = why;
        }
    }

    /** The photo as kept: its bytes, type, size, and a JPEG thumbnail. */
    public record Processed(Type type, byte[] bytes, int width, int height, byte[] thumbnail) {
    }

    private final int maxSide;
    private final int thumbnailSide;
    private final long maxPixels;

    /**
     * @param maxSide       the long side kept, in pixels (larger photos are scaled down)
     * @param thumbnailSide the thumbnail's long side
     * @param maxPixels     the largest width × height accepted at all
     */
    public PhotoImages(int maxSide, int thumbnailSide, long maxPixels) {
        this.maxSide = maxSide;
        this.thumbnailSide = thumbnailSide;
        this.maxPixels = maxPixels;
    }

    /** Reads, checks, turns upright, scales and re-encodes a photo; refuses what is not a readable JPEG or PNG. */
    public Processed process(byte[] data) {
        Type type = Type.sniff(data).orElseThrow(() -> new Refused(Refused.Why.NOT_AN_IMAGE,
                "not a JPEG or PNG photo"));
        BufferedImage image = decode(data, type);
        int orientation = type == Type.JPEG ? ExifOrientation.of(data) : 1;
        image = upright(image, orientation);
        image = fit(image, maxSide, type == Type.PNG);
        byte[] bytes = encode(image, type, 0.88f);
        BufferedImage thumb = fit(image, thumbnailSide, false);
        return new Processed(type, bytes, image.getWidth(), image.getHeight(), encode(opaque(thumb), Type.JPEG, 0.8f));
    }

    private BufferedImage decode(byte[] data, Type type) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.format);
            if (!readers.hasNext()) {
                throw new IllegalStateException("no ImageIO reader for " + type);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new Refused(Refused.Why.NOT_AN_IMAGE, "the photo has no pixels");
                }
                if (width * height > maxPixels) {
                    throw new Refused(Refused.Why.TOO_MANY_PIXELS, "the photo has " + width + " × " + height
                            + " pixels; at most " + maxPixels + " are accepted");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.max(1, Math.max(width, height) / maxSide);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                if (image == null) {
                    throw new Refused(Refused.Why.NOT_AN_IMAGE, "the photo could not be read");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Refused r) {
                throw r;
            }
            // truncated files, CMYK JPEGs, broken chunks: a file the decoder cannot read is not a photo we keep
            throw new Refused(Refused.Why.NOT_AN_IMAGE, "the photo could not be read: " + e.getMessage());
        }
    }

    /** Applies EXIF orientation 2–8 (mirrored and rotated variants) to the pixels. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(-Math.PI / 2); }
            default -> { t.translate(0, w); t.rotate(-Math.PI / 2); }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, rgbType(image));
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage fit(BufferedImage image, int side, boolean keepAlpha) {
        int w = image.getWidth();
        int h = image.getHeight();
        int type = keepAlpha ? rgbType(image) : BufferedImage.TYPE_INT_RGB;
        if (Math.max(w, h) <= side && image.getType() == type) {
            return image;
        }
        double scale = Math.min(1.0, (double) side / Math.max(w, h));
        int nw = Math.max(1, (int) Math.round(w * scale));
        int nh = Math.max(1, (int) Math.round(h * scale));
        BufferedImage out = new BufferedImage(nw, nh, type);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (!keepAlpha) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, nw, nh);
            }
            g.drawImage(image, 0, 0, nw, nh, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage opaque(BufferedImage image) {
        return image.getColorModel().hasAlpha() ? fit(image, Math.max(image.getWidth(), image.getHeight()), false)
                : image;
    }

    private static int rgbType(BufferedImage image) {
        return image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    }

    private static byte[] encode(BufferedImage image, Type type, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(type.format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (type == Type.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            // no metadata passed: the writer writes the pixels and the format's bare minimum (JFIF / IHDR)
            writer.write(null, new IIOImage(type == Type.JPEG ? opaque(image) : image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** EXIF's orientation tag (0x0112) of a JPEG, read from its APP1 segment; 1 (upright) when absent or unreadable. */
    static final class ExifOrientation {

        private ExifOrientation() {
        }

        static int of(byte[] jpeg) {
            try {
                int i = 2;
                while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
                    int marker = jpeg[i + 1] & 0xFF;
                    int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
                    if (marker == 0xDA || length < 2) {
                        return 1; // start of scan: no more metadata segments
                    }
                    if (marker == 0xE1 && length >= 8 && i + 4 + 6 <= jpeg.length
                            && jpeg[i + 4] == 'E' && jpeg[i + 5] == 'x' && jpeg[i + 6] == 'i' && jpeg[i + 7] == 'f') {
                        return tiffOrientation(jpeg, i + 10, Math.min(jpeg.length, i + 2 + length));
                    }
                    i += 2 + length;
                }
            } catch (RuntimeException e) {
                return 1;
            }
            return 1;
        }

        private static int tiffOrientation(byte[] b, int tiff, int end) {
            boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
            int ifd = tiff + (int) u32(b, tiff + 4, little);
            int entries = u16(b, ifd, little);
            for (int e = 0; e < entries; e++) {
                int entry = ifd + 2 + e * 12;
                if (entry + 12 > end) {
                    return 1;
                }
                if (u16(b, entry, little) == 0x0112) {
                    int value = u16(b, entry + 8, little);
                    return value >= 1 && value <= 8 ? value : 1;
                }
            }
            return 1;
        }

        private static int u16(byte[] b, int at, boolean little) {
            int x = b[at] & 0xFF;
            int y = b[at + 1] & 0xFF;
            return little ? (y << 8) | x : (x << 8) | y;
        }

        private static long u32(byte[] b, int at, boolean little) {
            long a = u16(b, at, little);
            long c = u16(b, at + 2, little);
            return little ? (c << 16) | a : (a << 16) | c;
        }
    }
}
