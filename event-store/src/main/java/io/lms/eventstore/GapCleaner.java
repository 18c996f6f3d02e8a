package io.lms.eventstore;

import static io.lms.eventstore.EventLayout.ID;
import static io.lms.eventstore.EventLayout.RESERVED_AT;
import static io.lms.eventstore.EventLayout.SKIPPED;
import static io.lms.eventstore.EventLayout.indexOf;
import static io.lms.eventstore.EventLayout.isSkipped;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * Resolves the gaps of a token that carries many (more than the gap cleaning threshold): gaps that are marked
 * skipped, or missing and expired, are dropped (the latter marked skipped first). Written gaps stay, to be delivered
 * by the fetch.
 *
 * <p>Invariant: a gap is dropped only when its index holds a skip marker (found, or written here); never when it
 * holds an event.
 *
 * <p>Concurrency: thread-safe; holds no state. The gaps set belongs to the calling fetch.
 */
final class GapCleaner {

    private static final int CHUNK = 1000;

    private final MongoCollection<BsonDocument> events;
    private final SkipMarkers markers;
    private final GapJudge judge;
    private final EventCounter counter;

    GapCleaner(MongoCollection<BsonDocument> events, SkipMarkers markers, GapJudge judge, EventCounter counter) {
        this.events = events;
        this.markers = markers;
        this.judge = judge;
        this.counter = counter;
    }

    void clean(TreeSet<Long> gaps) {
        List<Long> all = new ArrayList<>(gaps);
        GapJudge.Evidence evidence = new GapJudge.Evidence(counter::readHead);
        evidence.head();
        for (int from = 0; from < all.size(); from += CHUNK) {
            cleanChunk(all.subList(from, Math.min(all.size(), from + CHUNK)), gaps, evidence);
        }
    }

    private void cleanChunk(List<Long> chunk, TreeSet<Long> gaps, GapJudge.Evidence evidence) {
        Map<Long, BsonDocument> found = new HashMap<>();
        for (BsonDocument document :
                events.find(Filters.in(ID, chunk)).projection(new Document(SKIPPED, 1).append(RESERVED_AT, 1))) {
            found.put(indexOf(document), document);
        }
        List<Long> expired = new ArrayList<>();
        for (long gap : chunk) {
            BsonDocument document = found.get(gap);
            if (document == null && judge.isExpired(gap, null, evidence)) {
                expired.add(gap);
            } else if (document != null && isSkipped(document)) {
                gaps.remove(gap);
            }
        }
        if (markers.markExpired(expired)) {
            expired.forEach(gaps::remove);
        }
    }
}
