package org.gridloop.infra;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @Test
    void clusterIdsAre16BytesOfUrlSafeBase64AndNeverLookLikeAnOption() {
        for (int i = 0; i < 20_000; i++) {
            String id = KafkaBroker.clusterId();
            assertThat(id).doesNotStartWith("-");
            assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
        }
    }
}
