package org.gridloop.reportin.process;

import org.gridloop.reportin.domain.DepartmentAssignment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the routing table decided, with the district as the fallback (兜底): when no rule matched, the district's
 * own office leads, with the general limit. A whistle is never dropped.
 */
public record Routing(String lead, List<String> coDepartments, String limitClass, boolean fallback) {

    public static final String GENERAL = "general";

    public static Routing of(String lead, String coDepartments, String limitClass, String district) {
        if (lead == null || lead.isBlank()) {
            return new Routing("district-" + district, List.of(), GENERAL, true);
        }
        List<String> co = coDepartments == null ? List.of() : Arrays.stream(coDepartments.split(","))
                .map(String::strip).filter(d -> !d.isEmpty() && !d.equals(lead.strip())).distinct().toList();
        return new Routing(lead.strip(), co, limitClass == null || limitClass.isBlank() ? GENERAL : limitClass.strip(),
                false);
    }

    /** A reopened round: the departments and roles of the previous round ("water:lead,housing:co"). */
    public static Routing previous(String called, String limitClass) {
        List<String> co = new ArrayList<>();
        String lead = null;
        for (String entry : called.split(",")) {
            String department = entry.substring(0, entry.indexOf(':'));
            if (DepartmentAssignment.LEAD.equals(entry.substring(entry.indexOf(':') + 1))) {
                lead = department;
            } else {
                co.add(department);
            }
        }
        if (lead == null) {
            throw new IllegalArgumentException("no lead in " + called);
        }
        return new Routing(lead, List.copyOf(co), limitClass == null ? GENERAL : limitClass, false);
    }

    /** Department code to role, the lead first. */
    public Map<String, String> roles() {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(lead, DepartmentAssignment.LEAD);
        coDepartments.forEach(d -> roles.putIfAbsent(d, DepartmentAssignment.CO));
        return roles;
    }

    public List<String> departments() {
        return new ArrayList<>(roles().keySet());
    }
}
