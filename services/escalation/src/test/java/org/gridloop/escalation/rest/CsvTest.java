package org.gridloop.escalation.rest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A cell a spreadsheet would run as a formula is written as text; numbers and plain text stay as they are. */
class CsvTest {

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            =1+1                  | '=1+1
            +86 139               | '+86 139
            -2+3                  | '-2+3
            @SUM(A1)              | '@SUM(A1)
            -12.5                 | -12.5
            路灯故障               | 路灯故障
            """)
    void formulasBecomeText(String value, String cell) {
        assertThat(Csv.cell(value)).isEqualTo(cell);
    }

    @org.junit.jupiter.api.Test
    void aFormulaAfterATabOrACarriageReturnIsTextToo() {
        assertThat(Csv.cell("\t=HYPERLINK(\"http://x\")")).isEqualTo("\"'\t=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Csv.cell("\r=1+1")).isEqualTo("\"'\r=1+1\"");
        assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
    }
}
