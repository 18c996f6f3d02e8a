package io.lms.query.support;

import com.mongodb.client.MongoCollection;
import io.lms.platform.web.PageResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;

/** One page of a read model's documents that match a filter, in an order, as views. */
public final class DocumentPages {

    private DocumentPages() {}

    public static <T> PageResponse<T> page(
            MongoCollection<Document> collection,
            Bson filter,
            Bson order,
            Function<Document, T> view,
            int page,
            int size) {
        long total = collection.countDocuments(filter);
        long skip = (long) page * size;
        if (skip >= total) {
            return new PageResponse<>(List.of(), page, size, total);
        }
        List<T> items = collection
                .find(filter)
                .sort(order)
                .skip((int) skip)
                .limit(size)
                .map(view::apply)
                .into(new ArrayList<>());
        return new PageResponse<>(items, page, size, total);
    }
}
