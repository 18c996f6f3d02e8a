package io.lms.platform.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.bson.conversions.Bson;

/**
 * Every secondary index of one collection, declared in one place (a constant beside the code that reads the
 * collection) and ensured by {@link IndexVersions#ensure}. The definition is its own version: changing, adding or
 * removing an index here changes {@link #definition()}, and the next start ensures the indexes again.
 */
public record CollectionIndexes(String collection, List<IndexModel> indexes) {

    public CollectionIndexes {
        indexes = List.copyOf(indexes);
    }

    /** Plain indexes with these keys, e.g. {@code Indexes.ascending("slug")}. */
    public static CollectionIndexes of(String collection, Bson... keys) {
        return new CollectionIndexes(
                collection, Arrays.stream(keys).map(IndexModel::new).toList());
    }

    /** This and one more index with options (unique, TTL, partial, ...). */
    public CollectionIndexes with(Bson keys, IndexOptions options) {
        var more = new java.util.ArrayList<>(indexes);
        more.add(new IndexModel(keys, options));
        return new CollectionIndexes(collection, more);
    }

    /** The keys and options of every index, as text: what {@code index_versions} records as ensured. */
    public String definition() {
        return indexes.stream()
                .map(index -> index.getKeys()
                                .toBsonDocument(
                                        org.bson.BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry())
                                .toJson()
                        + " " + index.getOptions())
                .collect(Collectors.joining("; "));
    }
}
