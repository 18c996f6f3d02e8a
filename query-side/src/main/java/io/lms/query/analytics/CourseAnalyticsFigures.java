package io.lms.query.analytics;

import static io.lms.query.support.Documents.hex;

import io.lms.api.analytics.CourseAnalyticsView;
import io.lms.api.analytics.EnrollmentsOnDay;
import io.lms.api.analytics.QuizScores;
import io.lms.api.analytics.StoppingPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Works a course's figures out of the facts the projection keeps (definitions on {@link CourseAnalyticsView}). The
 * course order is the order of {@code GET /api/courses/{id}/content}: by {@code order}, then by id; only current
 * items count, so completions and scores of deleted items are left out.
 */
final class CourseAnalyticsFigures {

    private CourseAnalyticsFigures() {}

    record Item(String id, int order, String title, String type) {}

    static CourseAnalyticsView of(Document course, List<Document> enrollments) {
        List<Item> items = itemsInOrder(course.get("items", Document.class));
        long completed =
                enrollments.stream().filter(e -> e.getBoolean("completed")).count();
        long active = enrollments.stream().filter(e -> e.getBoolean("active")).count();
        List<StoppingPoint> stops = stoppingPoints(items, enrollments);
        List<QuizScores> quizzes = quizzes(items, enrollments);
        return new CourseAnalyticsView(
                hex(course.get("_id")),
                enrollments.size(),
                active,
                enrollments.size() - active,
                completed,
                enrollments.isEmpty() ? 0.0 : (double) completed / enrollments.size(),
                perDay(enrollments),
                averageOfAll(items, enrollments),
                quizzes,
                stops,
                stops.stream()
                        .max(Comparator.comparingLong(StoppingPoint::students))
                        .orElse(null),
                asOf(course, enrollments));
    }

    static List<Item> itemsInOrder(Document items) {
        List<Item> ordered = new ArrayList<>();
        items.forEach((id, value) -> {
            Document item = (Document) value;
            ordered.add(new Item(
                    id, item.get("order", Number.class).intValue(), item.getString("title"), item.getString("type")));
        });
        ordered.sort(Comparator.comparingInt(Item::order).thenComparing(Item::id));
        return ordered;
    }

    private static List<EnrollmentsOnDay> perDay(List<Document> enrollments) {
        Map<String, Long> days = new TreeMap<>();
        enrollments.forEach(e -> days.merge(e.getString("enrolled_on"), 1L, Long::sum));
        return days.entrySet().stream()
                .map(d -> new EnrollmentsOnDay(d.getKey(), d.getValue()))
                .toList();
    }

    /** Per item in course order, the enrollments not completed that stand there; items where nobody stands left out. */
    private static List<StoppingPoint> stoppingPoints(List<Item> items, List<Document> enrollments) {
        Map<Item, Long> counts = new LinkedHashMap<>();
        items.forEach(i -> counts.put(i, 0L));
        for (Document e : enrollments) {
            if (!e.getBoolean("completed")) {
                Item stop = stopOf(items, new HashSet<>(e.getList("completed_items", String.class)));
                if (stop != null) {
                    counts.merge(stop, 1L, Long::sum);
                }
            }
        }
        return counts.entrySet().stream()
                .filter(c -> c.getValue() > 0)
                .map(c -> new StoppingPoint(
                        c.getKey().id(), c.getKey().title(), c.getKey().type(), c.getValue()))
                .toList();
    }

    /**
     * The item after the furthest completed one in course order; the first item when none is completed, the first
     * one not completed when the last is; {@code null} when every item is completed or there are none.
     */
    static Item stopOf(List<Item> items, Set<String> completed) {
        int furthest = -1;
        for (int i = 0; i < items.size(); i++) {
            if (completed.contains(items.get(i).id())) {
                furthest = i;
            }
        }
        if (furthest + 1 < items.size()) {
            return items.get(furthest + 1);
        }
        return items.stream()
                .filter(i -> !completed.contains(i.id()))
                .findFirst()
                .orElse(null);
    }

    private static List<QuizScores> quizzes(List<Item> items, List<Document> enrollments) {
        List<QuizScores> quizzes = new ArrayList<>();
        for (Item quiz : items) {
            if ("quiz".equals(quiz.type())) {
                List<Double> best = bestScores(List.of(quiz), enrollments);
                quizzes.add(new QuizScores(quiz.id(), quiz.title(), best.size(), mean(best)));
            }
        }
        return quizzes;
    }

    private static Double averageOfAll(List<Item> items, List<Document> enrollments) {
        return mean(bestScores(items, enrollments));
    }

    /** The best score of every (student, quiz) pair among {@code items}. */
    private static List<Double> bestScores(List<Item> items, List<Document> enrollments) {
        List<Double> scores = new ArrayList<>();
        for (Document e : enrollments) {
            Document best = e.get("quiz_best", Document.class);
            for (Item item : items) {
                Number score = best.get(item.id(), Number.class);
                if (score != null) {
                    scores.add(score.doubleValue());
                }
            }
        }
        return scores;
    }

    private static Double mean(List<Double> values) {
        return values.isEmpty()
                ? null
                : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static Instant asOf(Document course, List<Document> enrollments) {
        Date newest = course.getDate("updated_at");
        for (Document e : enrollments) {
            Date at = e.getDate("updated_at");
            if (at.after(newest)) {
                newest = at;
            }
        }
        return newest.toInstant();
    }
}
