package org.gridloop.intake.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in free text before it is published: what residents type into a description and what grid
 * workers write into a note often carries a phone number, an ID number, a licence plate, an e-mail address or a
 * name. Each is replaced by a bracketed placeholder naming what was there ({@code [电话]}), so the text still reads.
 *
 * <p>Detection is by pattern, so it is deliberately greedy: any run of seven or more digits (with the usual
 * separators) is treated as a number to hide, whatever it is. Names are detectable only where the text says so
 * ("我叫…", "联系人：…") or where the reporter's own name, as they gave it, appears in their text.
 */
public final class PersonalData {

    /** 18-digit resident ID numbers (the last character may be X), and the old 15-digit ones. */
    private static final Pattern ID_NUMBER = Pattern.compile(
            "(?<![0-9A-Za-z])(?:\\d{17}[\\dXx]|\\d{15})(?![0-9A-Za-z])");
    /** Mainland plates: province, letter, optional separator, five or six letters/digits (new-energy plates too). */
    private static final Pattern PLATE = Pattern.compile(
            "[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][A-HJ-NP-Za-hj-np-z][\\s·•.-]?"
                    + "[A-HJ-NP-Za-hj-np-z0-9]{4,5}[A-HJ-NP-Za-hj-np-z0-9挂学警港澳]");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    /** Phone numbers and any other long number: seven or more digits, spaces, dashes or dots between them allowed. */
    private static final Pattern NUMBER = Pattern.compile("\\+?\\d(?:[\\s.()-]{0,2}\\d){6,}");
    /** A name introduced as one: 我叫王小明, 联系人：张三, 姓名: 赵六 (not 我是…, which mostly introduces a role). */
    private static final Pattern INTRODUCED_NAME = Pattern.compile(
            "(我叫|联系人|姓名|报告人|反映人)([:：]?\\s*)([\\u4e00-\\u9fa5·]{2,4})");

    /** Dates and times are numbers too, and no personal data: set aside before the numbers are masked. */
    private static final Pattern DATE_OR_TIME = Pattern.compile(
            "\\d{4}[-/.年]\\d{1,2}[-/.月]\\d{1,2}日?|\\d{1,2}:\\d{2}(?::\\d{2})?");
    /** Marks a set-aside piece in the text: private-use characters, which no stored text is left with. */
    private static final Pattern SET_ASIDE = Pattern.compile("\uE000(\\d+)\uE001");

    private PersonalData() {
    }

    /** The names {@code text} introduces as names ("我叫王小明" gives 王小明), to mask wherever else they appear. */
    public static List<String> namesIntroducedIn(String text) {
        if (text == null) {
            return List.of();
        }
        return INTRODUCED_NAME.matcher(text).results().map(m -> m.group(3)).distinct().toList();
    }

    /**
     * The text with personal data replaced; {@code knownNames} are names this text may contain verbatim (the
     * reporter's, as given with the report); null or blank ones are ignored.
     */
    public static String mask(String text, List<String> knownNames) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<String> asides = new ArrayList<>();
        String masked = DATE_OR_TIME.matcher(text.replace('\uE000', '\uFFFD').replace('\uE001', '\uFFFD'))
                .replaceAll(m -> {
                    asides.add(m.group());
                    return "\uE000" + (asides.size() - 1) + "\uE001";
                });
        for (String name : knownNames) {
            if (name == null) {
                continue;
            }
            for (String variant : List.of(name.strip(), name.replaceAll("\\s+", ""))) {
                if (variant.length() >= 2) {
                    masked = masked.replace(variant, "[姓名]");
                }
            }
        }
        masked = EMAIL.matcher(masked).replaceAll("[邮箱]");
        masked = ID_NUMBER.matcher(masked).replaceAll("[证件号]");
        masked = PLATE.matcher(masked).replaceAll("[车牌]");
        masked = NUMBER.matcher(masked).replaceAll("[电话]");
        Matcher introduced = INTRODUCED_NAME.matcher(masked);
        masked = introduced.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + "[姓名]"));
        return SET_ASIDE.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(
                asides.get(Integer.parseInt(m.group(1)))));
    }
}
