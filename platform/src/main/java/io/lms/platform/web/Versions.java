package io.lms.platform.web;

import io.lms.platform.error.DomainException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ETags are the aggregate version in quotes: {@code "N"}. */
public final class Versions {

    private static final Pattern ETAG = Pattern.compile("^\\s*(?:W/)?\"(\\d{1,18})\"\\s*$");

    private Versions() {}

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an {@code If-Match} header names, or {@code null} when there is none. */
    public static Long fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        Matcher m = ETAG.matcher(ifMatch);
        if (!m.matches()) {
            throw DomainException.invalid("If-Match", "must be a version in quotes, like \"3\"");
        }
        return Long.parseLong(m.group(1));
    }
}
