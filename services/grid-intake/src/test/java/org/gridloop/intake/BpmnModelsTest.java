package org.gridloop.intake;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.gridloop.contracts.EventTypes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every process in bpmn/ (all services): it opens in Camunda Modeler (every node and flow has its diagram shape),
 * its ids mean something, and every message it waits for is an event type of the catalogue, by its exact name.
 */
class BpmnModelsTest {

    private static final Pattern GENERATED_ID = Pattern.compile("^(Activity|Gateway|Event|Flow|StartEvent|EndEvent)_[0-9a-z]{7}$");

    @TestFactory
    Stream<DynamicTest> everyProcessIsDrawnNamedAndWaitsOnlyForRealEvents() throws IOException {
        Path root = Path.of("../../bpmn");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".bpmn") && !p.toString().contains("node_modules"))
                    .sorted()
                    .toList().stream()
                    .map(file -> DynamicTest.dynamicTest(root.relativize(file).toString(), () -> check(file)));
        }
    }

    private static void check(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        Bpmn.validateModel(model);
        Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(shapes).as("%s: shape for %s", file, node.getId()).contains(node.getId());
            assertThat(node.getId()).as("%s: meaningful id", file).doesNotMatch(GENERATED_ID);
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(edges).as("%s: edge for %s", file, flow.getId()).contains(flow.getId());
            assertThat(flow.getId()).doesNotMatch(GENERATED_ID);
        }
        for (Message message : model.getModelElementsByType(Message.class)) {
            assertThat(EventTypes.find(message.getName())).as("%s: message %s is an event type", file,
                    message.getName()).isPresent();
        }
        for (ReceiveTask task : model.getModelElementsByType(ReceiveTask.class)) {
            assertThat(task.getName()).as("%s: %s is named after the event it waits for", file, task.getId())
                    .isEqualTo(task.getMessage().getName());
        }
        assertThat(model.getModelElementsByType(BaseElement.class)).isNotEmpty();
    }
}
