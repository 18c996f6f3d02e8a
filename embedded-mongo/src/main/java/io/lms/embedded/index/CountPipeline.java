package io.lms.embedded.index;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The aggregation the driver's {@code countDocuments} sends, {@code [{$match: filter}, ({$skip: n},) ({$limit:
 * n},) {$group: {_id: 1, n: {$sum: 1}}}]}, answered by the collection's {@code count(filter, skip, limit)}: the
 * library would read every document of the collection into the pipeline; the count narrows by an index, and
 * {@link IndexedReads} answers it from the index's entries where it can. Any other aggregation (or options
 * such as a hint or a collation) is left to the library.
 */
final class CountPipeline {

    private static final List<String> KNOWN_FIELDS =
            List.of("aggregate", "pipeline", "cursor", "$db", "lsid", "$readPreference", "txnNumber", "$clusterTime");

    private CountPipeline() {}

    /**
     * The answer to {@code command} when it is a count, else null.
     *
     * @param collections the database's existing collection of a name, or null
     */
    static Document answer(
            String databaseName, String command, Document query, Function<String, MongoCollection<?>> collections) {
        if (!command.equals("aggregate")
                || !(query.get("aggregate") instanceof String name)
                || !KNOWN_FIELDS.containsAll(query.keySet())
                || !(query.get("pipeline") instanceof List<?> pipeline)
                || pipeline.size() < 2
                || !(pipeline.get(0) instanceof Document first)
                || first.size() != 1
                || !(first.get("$match") instanceof Document filter)
                || !(pipeline.get(pipeline.size() - 1) instanceof Document last)) {
            return null;
        }
        Object groupId = countGroupId(last);
        int[] skipAndLimit = skipAndLimit(pipeline.subList(1, pipeline.size() - 1));
        MongoCollection<?> collection = collections.apply(name);
        if (groupId == null || skipAndLimit == null || collection == null) {
            return null;
        }
        int count = collection.count(filter, skipAndLimit[0], skipAndLimit[1]);
        List<Document> batch = new ArrayList<>();
        if (count > 0) {
            batch.add(new Document("_id", groupId).append("n", count));
        }
        Document cursor =
                new Document("id", 0L).append("ns", databaseName + "." + name).append("firstBatch", batch);
        return new Document("cursor", cursor).append("ok", 1.0);
    }

    /** The group's {@code _id} when the stage is {@code {$group: {_id: <constant>, n: {$sum: 1}}}}, else null. */
    private static Object countGroupId(Document stage) {
        if (stage.size() != 1 || !(stage.get("$group") instanceof Document group) || group.size() != 2) {
            return null;
        }
        Object id = group.get("_id");
        boolean constantId = id instanceof Number || (id instanceof String text && !text.startsWith("$"));
        boolean sumOfOne = group.get("n") instanceof Document sum
                && sum.size() == 1
                && sum.get("$sum") instanceof Number one
                && one.doubleValue() == 1.0;
        return constantId && sumOfOne ? id : null;
    }

    /** {skip, limit} from the stages between the match and the group (at most a skip, then a limit), else null. */
    private static int[] skipAndLimit(List<?> stages) {
        int[] result = {0, 0};
        int next = 0;
        for (Object stage : stages) {
            if (stage instanceof Document document && document.size() == 1) {
                if (next == 0 && document.get("$skip") instanceof Number skip && skip.intValue() >= 0) {
                    result[0] = skip.intValue();
                    next = 1;
                    continue;
                }
                if (next <= 1 && document.get("$limit") instanceof Number limit && limit.intValue() > 0) {
                    result[1] = limit.intValue();
                    next = 2;
                    continue;
                }
            }
            return null;
        }
        return result;
    }
}
