package io.lms.command.course;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** The URL names of courses: {@code [a-z0-9-]}, 1 to 100 characters, derived from the title when not given. */
final class Slugs {

    static final int MAX_LENGTH = 100;
    static final Pattern VALID = Pattern.compile("^[a-z0-9-]{1," + MAX_LENGTH + "}$");

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

    private Slugs() {}

    /**
     * Lower case, accents stripped, every run of other characters one '-', no '-' at either end, at most 100
     * characters. A title with nothing left (all non-Latin, say) gets {@code course-<id>}.
     */
    static String derive(String title, String courseId) {
        String plain = MARKS.matcher(Normalizer.normalize(title, Normalizer.Form.NFD))
                .replaceAll("")
                .toLowerCase(Locale.ROOT);
        String slug = trimDashes(NON_ALNUM.matcher(plain).replaceAll("-"));
        if (slug.length() > MAX_LENGTH) {
            slug = trimDashes(slug.substring(0, MAX_LENGTH));
        }
        return slug.isEmpty() ? "course-" + courseId : slug;
    }

    static boolean isValid(String slug) {
        return slug != null && VALID.matcher(slug).matches();
    }

    static String key(String slug) {
        return "slug:" + slug;
    }

    private static String trimDashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }
}
