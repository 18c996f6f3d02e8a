package io.lms.query.course;

import com.mongodb.client.model.Sorts;
import io.lms.platform.error.DomainException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.bson.conversions.Bson;

/** The orders the catalog lists in; {@code _id} breaks ties so that pages neither repeat nor skip a course. */
enum CatalogSort {
    NEWEST("-created_at", Sorts.orderBy(Sorts.descending("created_at"), Sorts.descending("_id"))),
    TITLE("title", Sorts.orderBy(Sorts.ascending("title"), Sorts.ascending("_id"))),
    BEST_RATED("-rating.average", Sorts.orderBy(Sorts.descending("rating.average"), Sorts.ascending("_id"))),
    MOST_ENROLLED("-enrollment_count", Sorts.orderBy(Sorts.descending("enrollment_count"), Sorts.ascending("_id"))),
    CHEAPEST("price.amount", Sorts.orderBy(Sorts.ascending("price.amount"), Sorts.ascending("_id")));

    private final String parameter;
    private final Bson order;

    CatalogSort(String parameter, Bson order) {
        this.parameter = parameter;
        this.order = order;
    }

    Bson order() {
        return order;
    }

    static CatalogSort of(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return NEWEST;
        }
        return Arrays.stream(values())
                .filter(s -> s.parameter.equals(parameter.trim()))
                .findFirst()
                .orElseThrow(() -> DomainException.invalid(
                        "sort",
                        "must be one of "
                                + Arrays.stream(values()).map(s -> s.parameter).collect(Collectors.joining(", "))));
    }
}
