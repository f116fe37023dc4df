package org.gridloop.intake.domain;

import org.gridloop.intake.TestPhotos;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhotoImagesTest {

    private final PhotoImages images = new PhotoImages(2048, 320, 50_000_000L);

    @Test
    void aPhonesJpegIsKeptWithoutItsMetadataAndUpright() {
        // stored 400 × 200, EXIF orientation 6: the phone was held upright, so the photo is 200 wide and 400 high
        byte[] upload = TestPhotos.phoneJpeg(400, 200, 6);
        assertThat(TestPhotos.contains(upload, TestPhotos.SECRET)).isTrue();

        PhotoImages.Processed kept = images.process(upload);

        assertThat(kept.type()).isEqualTo(PhotoImages.Type.JPEG);
        assertThat(TestPhotos.contains(kept.bytes(), TestPhotos.SECRET)).isFalse();
        assertThat(TestPhotos.contains(kept.bytes(), "Exif")).isFalse();
        assertThat(TestPhotos.contains(kept.thumbnail(), "Exif")).isFalse();
        assertThat(kept.width()).isEqualTo(200);
        assertThat(kept.height()).isEqualTo(400);
        BufferedImage read = TestPhotos.decode(kept.bytes());
        assertThat(read.getWidth()).isEqualTo(200);
        // turned clockwise: the red left half is now the top half
        assertThat(reddish(read.getRGB(100, 20))).isTrue();
        assertThat(reddish(read.getRGB(100, 380))).isFalse();
    }

    @Test
    void eachOrientationEndsUpright() {
        // where the red half (stored on the left) ends up once each EXIF orientation is applied
        String[] redAt = {null, "left", "right", "right", "left", "top", "top", "bottom", "bottom"};
        for (int o = 1; o <= 8; o++) {
            BufferedImage read = TestPhotos.decode(images.process(TestPhotos.phoneJpeg(300, 100, o)).bytes());
            boolean swapped = o >= 5;
            assertThat(read.getWidth()).as("width, orientation %d", o).isEqualTo(swapped ? 100 : 300);
            int w = read.getWidth();
            int h = read.getHeight();
            int[] probe = switch (redAt[o]) {
                case "left" -> new int[] {w / 8, h / 2};
                case "right" -> new int[] {w - w / 8, h / 2};
                case "top" -> new int[] {w / 2, h / 8};
                default -> new int[] {w / 2, h - h / 8};
            };
            assertThat(reddish(read.getRGB(probe[0], probe[1]))).as("red %s, orientation %d", redAt[o], o).isTrue();
        }
    }

    @Test
    void aLargePhotoIsScaledAndThumbnailed() {
        PhotoImages small = new PhotoImages(500, 100, 50_000_000L);
        PhotoImages.Processed kept = small.process(TestPhotos.png(1600, 900));
        assertThat(kept.type()).isEqualTo(PhotoImages.Type.PNG);
        assertThat(kept.width()).isEqualTo(500);
        assertThat(kept.height()).isEqualTo(281);
        BufferedImage thumb = TestPhotos.decode(kept.thumbnail());
        assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isEqualTo(100);
        assertThat(TestPhotos.contains(kept.thumbnail(), "JFIF")).isTrue();
    }

    @Test
    void whatIsNoPhotoIsRefused() {
        assertThatThrownBy(() -> images.process("not a photo at all".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PhotoImages.Refused.class)
                .satisfies(e -> assertThat(((PhotoImages.Refused) e).why).isEqualTo(PhotoImages.Refused.Why.NOT_AN_IMAGE));
        byte[] truncated = java.util.Arrays.copyOf(TestPhotos.phoneJpeg(400, 200, 1), 200);
        assertThatThrownBy(() -> images.process(truncated)).isInstanceOf(PhotoImages.Refused.class);
    }

    @Test
    void tooManyPixelsAreRefusedBeforeDecoding() {
        PhotoImages strict = new PhotoImages(2048, 320, 10_000L);
        assertThatThrownBy(() -> strict.process(TestPhotos.png(200, 100)))
                .isInstanceOf(PhotoImages.Refused.class)
                .satisfies(e -> assertThat(((PhotoImages.Refused) e).why)
                        .isEqualTo(PhotoImages.Refused.Why.TOO_MANY_PIXELS));
    }

    @Test
    void theTypeIsReadFromTheBytes() {
        assertThat(PhotoImages.Type.sniff(TestPhotos.png(10, 10))).contains(PhotoImages.Type.PNG);
        assertThat(PhotoImages.Type.sniff(TestPhotos.phoneJpeg(10, 10, 1))).contains(PhotoImages.Type.JPEG);
        assertThat(PhotoImages.Type.sniff("GIF89a....".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(PhotoImages.Type.ofMediaType("image/jpeg; charset=x")).contains(PhotoImages.Type.JPEG);
        assertThat(PhotoImages.Type.ofMediaType("text/plain")).isEmpty();
    }

    private static boolean reddish(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 180 && c.getBlue() < 90;
    }
}
