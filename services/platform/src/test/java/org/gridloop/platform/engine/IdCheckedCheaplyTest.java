package org.gridloop.platform.engine;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The entity manager's id check: Camunda's answers for a missing or wildcard id, and no message built otherwise. */
class IdCheckedCheaplyTest {

    private final IdCheckedCheaply.Manager manager = new IdCheckedCheaply.Manager(new StrongUuidGenerator(), null);

    @Test
    void aValidIdIsAcceptedWithoutTurningTheEntityIntoAString() {
        Counted entity = new Counted("7f3c1d0e-0000-4000-8000-000000000001");

        manager.validateId(entity);

        assertThat(entity.described).as("toString calls").hasValue(0);
    }

    @Test
    void aMissingIdOrTheWildcardIsRefusedAsCamundaRefusesIt() {
        Counted missing = new Counted(null);
        assertThatThrownBy(() -> manager.validateId(missing))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Entity counted has an invalid id");
        assertThatThrownBy(() -> manager.validateId(new Counted("*")))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("reserved identifier");
    }

    /** An entity that counts how often it is described. */
    private static final class Counted extends VariableInstanceEntity {

        final AtomicInteger described = new AtomicInteger();

        Counted(String id) {
            setId(id);
        }

        @Override
        public String toString() {
            described.incrementAndGet();
            return "counted";
        }
    }
}
