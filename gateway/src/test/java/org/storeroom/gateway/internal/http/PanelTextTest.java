package org.storeroom.gateway.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every text the panel shows exists in Chinese and in English: the two tables in {@code app.js} have the
 * same keys, and every key the script or the page asks for is in them.
 */
class PanelTextTest {
    /** A key of a text table: {@code name: '…'}, {@code 'a-b': '…'} or {@code name: "…"}, at a line's start or after a comma. */
    private static final Pattern KEY = Pattern.compile("(?m)(?:^\\s+|,\\s*)(?:'([^']+)'|([A-Za-z][A-Za-z0-9]*)):\\s*['\"]");

    private static String resource(String name) throws IOException {
        try (InputStream in = PanelTextTest.class.getResourceAsStream("/panel/" + name)) {
            assertThat(in).as("panel/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> keys(String table) {
        Set<String> keys = new TreeSet<>();
        Matcher m = KEY.matcher(table);
        while (m.find()) {
            keys.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return keys;
    }

    private static Set<String> all(Pattern p, String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyTextIsInBothLanguages() throws IOException {
        String js = resource("app.js");
        int zhAt = js.indexOf("'zh-CN': {");
        int enAt = js.indexOf("  en: {");
        int end = js.indexOf("\n};", enAt);
        assertThat(zhAt).isPositive();
        assertThat(enAt).isGreaterThan(zhAt);
        Set<String> zh = keys(js.substring(zhAt + 10, enAt));
        Set<String> en = keys(js.substring(enAt + 7, end));
        assertThat(zh).as("the Chinese table").hasSizeGreaterThan(100);
        assertThat(en).as("keys in English and Chinese").isEqualTo(zh);

        Set<String> asked = all(Pattern.compile("\\bt\\('([^']+)'\\)"), js);
        asked.addAll(all(Pattern.compile("data-i18n(?:-placeholder)?=\"([^\"]+)\""), resource("index.html")));
        assertThat(asked).as("keys the panel asks for").hasSizeGreaterThan(50);
        assertThat(zh).containsAll(asked);
    }
}
