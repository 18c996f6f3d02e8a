package io.lms.query.course;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words a course is found by. Text search needs no {@code $text} index (the embedded server has none): each
 * course keeps the distinct normalized words of its title, description and tags in {@code keywords}, a
 * multikey index serves {@code {keywords: {$all: [...]}}}, and a query is normalized the same way.
 */
final class Keywords {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Keywords() {}

    /** Lower case, accents stripped, split at everything that is not a letter or digit; distinct, in order. */
    static List<String> of(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
                .replaceAll("")
                .toLowerCase(Locale.ROOT);
        return Arrays.stream(SEPARATORS.split(plain))
                .filter(word -> !word.isEmpty())
                .distinct()
                .toList();
    }

    static List<String> of(String title, String description, Collection<String> tags) {
        Set<String> words = new LinkedHashSet<>(of(title));
        words.addAll(of(description));
        if (tags != null) {
            tags.forEach(tag -> words.addAll(of(tag)));
        }
        return List.copyOf(words);
    }
}
