package org.gridloop.platform.inbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridloop.contracts.CloudEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The message log for consumers that drive the process engine, inside the engine's JTA transaction. */
@ApplicationScoped
public class JdbcInbox {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "gridloop.schema")
    String schema;

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, CloudEvent<?> event) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema
                     + ".inbox (consumer, event_id, event_type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setString(2, event.id());
            insert.setString(3, event.type());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record " + event.id() + " in the inbox", e);
        }
    }
}
