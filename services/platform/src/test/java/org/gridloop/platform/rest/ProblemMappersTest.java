package org.gridloop.platform.rest;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMappersTest {

    @Test
    void anUnreachableDatabaseIs503WithRetryAfterNot500() {
        Response response = new ProblemMappers().unexpected(new IllegalStateException("step failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((Problem) response.getEntity()).detail()).contains("nothing was changed");
    }

    @Test
    void anythingElseUnexpectedIs500WithAReference() {
        Response response = new ProblemMappers().unexpected(new IllegalStateException("a bug"));
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeaderString("Retry-After")).isNull();
        assertThat(((Problem) response.getEntity()).detail()).startsWith("the request could not be completed; "
                + "reference ");
    }
}
