package io.lms.query.review;

import static io.lms.query.support.Documents.hex;
import static io.lms.query.support.Documents.instant;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.lms.api.enrollment.ReviewView;
import io.lms.platform.web.PageResponse;
import io.lms.query.support.DocumentPages;
import io.lms.query.support.ReadModelCollections;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * Reads of the {@code reviews} collection. Its index, created at start-up, serves both of its reads: a course's
 * reviews newest first, and the ratings of a course that its {@code rating} is worked out from.
 */
@Component
public class ReviewReadModel {

    private final MongoCollection<Document> reviews;

    public ReviewReadModel(ReadModelCollections collections) {
        this.reviews = collections.get("reviews");
        reviews.createIndex(Indexes.compoundIndex(Indexes.ascending("course_id"), Indexes.descending("created_at")));
    }

    MongoCollection<Document> reviews() {
        return reviews;
    }

    /** The course's current reviews: how many, and their mean rating (0 when there are none). */
    Rating ratingOf(String courseId) {
        long count = 0;
        long sum = 0;
        for (Document d : reviews.find(Filters.eq("course_id", new ObjectId(courseId)))
                .projection(Projections.include("rating"))) {
            count++;
            sum += d.get("rating", Number.class).longValue();
        }
        return new Rating(count == 0 ? 0.0 : (double) sum / count, count);
    }

    record Rating(double average, long count) {}

    PageResponse<ReviewView> ofCourse(String courseId, int page, int size) {
        return DocumentPages.page(
                reviews,
                Filters.eq("course_id", new ObjectId(courseId)),
                Sorts.orderBy(Sorts.descending("created_at"), Sorts.descending("_id")),
                ReviewReadModel::view,
                page,
                size);
    }

    static ReviewView view(Document d) {
        return new ReviewView(
                hex(d.get("_id")),
                hex(d.get("user_id")),
                hex(d.get("course_id")),
                d.get("rating", Number.class).intValue(),
                d.getString("review_text"),
                instant(d.getDate("created_at")),
                instant(d.getDate("updated_at")));
    }
}
