package io.dirsync.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The next page a response names in its {@code Link} headers (RFC 8288). A server may send several, one per relation
 * (Okta sends {@code rel="self"} and {@code rel="next"} apart), or join them with commas; Camel hands a repeated
 * header over as a list.
 */
public final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]*)*)");
    private static final Pattern REL = Pattern.compile("(?i);\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))");

    private LinkHeader() {
    }

    /** The link with relation {@code next}, from the header's value or values. */
    public static Optional<String> next(Object header) {
        List<?> values = header instanceof List<?> list ? list : header == null ? List.of() : List.of(header);
        for (Object value : values) {
            Matcher link = LINK.matcher(String.valueOf(value));
            while (link.find()) {
                if (isNext(link.group(2))) {
                    return Optional.of(link.group(1).strip());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isNext(String parameters) {
        Matcher rel = REL.matcher(parameters);
        while (rel.find()) {
            String types = rel.group(1) != null ? rel.group(1) : rel.group(2);
            for (String type : types.toLowerCase(Locale.ROOT).split("\\s+")) {
                if (type.equals("next")) {
                    return true;
                }
            }
        }
        return false;
    }
}
