package org.gridloop.intake.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the masking hides and what it leaves readable, case by case. */
class PersonalDataTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mobile                  | 请联系13912345678谢谢                 | 请联系[电话]谢谢
            mobile with spaces      | 电话 139 1234 5678                    | 电话 [电话]
            mobile with +86         | call +86 139-1234-5678 now            | call [电话] now
            landline                | 010-6512 3456                         | [电话]
            ID number               | 身份证110101199003071234              | 身份证[证件号]
            ID number ending in X   | 证件 11010119900307123X 已核           | 证件 [证件号] 已核
            plate                   | 京A·12345的车挡路                       | [车牌]的车挡路
            plate without separator | 沪B9X7Z2乱停                           | [车牌]乱停
            new-energy plate        | 粤BD12345占道                           | [车牌]占道
            e-mail                  | 回复到 li.xy+gov@example.com.cn 即可   | 回复到 [邮箱] 即可
            introduced name         | 我叫王小明，住3号楼                      | 我叫[姓名]，住3号楼
            contact label           | 联系人：张三                            | 联系人：[姓名]
            short numbers stay      | 3号楼2单元502室，井盖直径60厘米           | 3号楼2单元502室，井盖直径60厘米
            dates stay              | 2025-06-01 上午发现                      | 2025-06-01 上午发现
            date and time stay      | 2025年6月1日 08:30:00 至 2025/06/02      | 2025年6月1日 08:30:00 至 2025/06/02
            a phone after a date    | 2025-06-01 13912345678                | 2025-06-01 [电话]
            plain text stays        | 路灯不亮已经三天了                         | 路灯不亮已经三天了
            """)
    void masks(String what, String text, String masked) {
        assertThat(PersonalData.mask(text, List.of())).as(what).isEqualTo(masked);
    }

    @Test
    void theReportersOwnNameIsMaskedWithOrWithoutSpaces() {
        assertThat(PersonalData.mask("李秀英家门口的路灯坏了，李 秀英反映", List.of("李 秀英")))
                .isEqualTo("[姓名]家门口的路灯坏了，[姓名]反映");
        assertThat(PersonalData.mask("一个字的名字X不算", Arrays.asList("X", null, " ")))
                .isEqualTo("一个字的名字X不算");
    }

    @Test
    void aNameTheTextIntroducesIsKnownForOtherTexts() {
        assertThat(PersonalData.namesIntroducedIn("我叫王小明，联系人：李四。")).containsExactly("王小明", "李四");
        assertThat(PersonalData.mask("车主王小明的车无损", PersonalData.namesIntroducedIn("我叫王小明")))
                .isEqualTo("车主[姓名]的车无损");
        assertThat(PersonalData.namesIntroducedIn(null)).isEmpty();
    }

    @Test
    void nothingToMaskIsNothingChanged() {
        assertThat(PersonalData.mask(null, List.of())).isNull();
        assertThat(PersonalData.mask("", List.of())).isEmpty();
    }
}
