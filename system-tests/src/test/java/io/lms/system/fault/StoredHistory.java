package io.lms.system.fault;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/** The events in the store, by aggregate and sequence number, read once after the faults (skip markers left out). */
final class StoredHistory {

    private final Map<String, TreeMap<Long, String>> typesByAggregate = new HashMap<>();
    private final Map<String, Long> countsByType = new HashMap<>();

    StoredHistory(MongoDatabase database) {
        database.getCollection("events")
                .find(Filters.exists("aggregateId"))
                .projection(Projections.include("aggregateId", "sequenceNumber", "payloadType"))
                .forEach(this::add);
    }

    private void add(Document event) {
        String type = event.getString("payloadType");
        typesByAggregate
                .computeIfAbsent(event.getString("aggregateId"), id -> new TreeMap<>())
                .put(((Number) event.get("sequenceNumber")).longValue(), type);
        countsByType.merge(type, 1L, Long::sum);
    }

    /**
     * What is wrong with the store for this acknowledged command, or null: there must be an event of the aggregate
     * at the version the command answered, and the event the command stands for at that version or before.
     */
    String missing(Acknowledged ack) {
        TreeMap<Long, String> events = typesByAggregate.getOrDefault(ack.aggregateId(), new TreeMap<>());
        if (!events.containsKey(ack.version())) {
            return ack + ": no event at version " + ack.version() + " (stored: " + events + ")";
        }
        if (!events.headMap(ack.version(), true).containsValue(ack.eventType())) {
            return ack + ": no " + ack.eventType() + " up to version " + ack.version() + " (stored: " + events + ")";
        }
        return null;
    }

    long count(String eventType) {
        return countsByType.getOrDefault("io.lms.api." + eventType, 0L);
    }

    List<String> missing(Iterable<Acknowledged> acknowledged) {
        List<String> problems = new ArrayList<>();
        for (Acknowledged ack : acknowledged) {
            String problem = missing(ack);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }
}
