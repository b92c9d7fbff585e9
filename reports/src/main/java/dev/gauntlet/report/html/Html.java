package dev.gauntlet.report.html;

import dev.gauntlet.report.text.Display;

/** Small HTML helpers: escaping and the few elements every section repeats. Package-private. */
final class Html {

    private Html() {
    }

    /** Escapes text for element content and double-quoted attributes. Null becomes "". */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A verdict badge: {@code <span class="badge pass">pass</span>}; anything unrecognised is unknown. */
    static String badge(String verdict) {
        String v = Display.verdict(verdict);
        return "<span class=\"badge " + v + "\">" + v + "</span>";
    }

    /** A table cell whose text is escaped; {@code cls} may be null. */
    static String td(String text, String cls) {
        return (cls == null ? "<td>" : "<td class=\"" + cls + "\">") + esc(text) + "</td>";
    }

    static String td(String text) {
        return td(text, isUnknown(text) ? "unknown" : null);
    }

    /** A cell holding already-built HTML. */
    static String tdRaw(String html) {
        return "<td>" + html + "</td>";
    }

    static String th(String... headers) {
        StringBuilder sb = new StringBuilder("<tr>");
        for (String h : headers) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        return sb.append("</tr>\n").toString();
    }

    /** A relative link target: path separators kept, characters that break a URL percent-encoded. */
    static String href(String relativePath) {
        StringBuilder sb = new StringBuilder();
        for (byte b : relativePath.replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.~/".indexOf(c) >= 0;
            sb.append(safe ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return esc(sb.toString());
    }

    static boolean isUnknown(String text) {
        return text == null || Display.UNKNOWN.equals(text);
    }
}
