package org.gridloop.escalation.rest;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV, UTF-8 with a byte-order mark so that spreadsheet programs read the Chinese labels right. */
final class Csv {

    static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    private static final String BOM = "\uFEFF";

    private Csv() {
    }

    static String of(List<String> header, List<List<?>> rows) {
        return header(header) + lines(rows);
    }

    /** The start of a file: the byte-order mark and the header line. */
    static String header(List<String> header) {
        return BOM + line(header);
    }

    /** Rows, each a line. */
    static String lines(List<List<?>> rows) {
        StringBuilder out = new StringBuilder();
        rows.forEach(r -> out.append(line(r)));
        return out.toString();
    }

    private static String line(List<?> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        // a leading =, +, - or @ would be a formula in a spreadsheet, and so would one after a tab or a CR (OWASP's
        // CSV injection list); plain negative numbers stay numbers
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.matches("-?[0-9.]+")) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
