package org.gridloop.escalation.rest;

import org.apache.commons.csv.CSVFormat;

import java.util.List;

/**
 * RFC 4180 CSV (commons-csv: comma, double quotes where a cell needs them, CRLF), UTF-8 with a byte-order mark so
 * that spreadsheet programs read the Chinese labels right. What commons-csv does not do is kept here: a cell that a
 * spreadsheet would run as a formula is written as text.
 */
final class Csv {

    static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    private static final String BOM = "\uFEFF";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

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
        return FORMAT.format(cells.stream().map(Csv::guarded).toArray()) + FORMAT.getRecordSeparator();
    }

    /** One cell as it is written. */
    static String cell(Object value) {
        return FORMAT.format(guarded(value));
    }

    /**
     * A leading =, +, - or @ would be a formula in a spreadsheet, and so would one after a tab or a CR (OWASP's CSV
     * injection list): such a cell gets a leading apostrophe. Plain negative numbers stay numbers.
     */
    private static String guarded(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.matches("-?[0-9.]+")) {
            return "'" + s;
        }
        return s;
    }
}
