package io.lms.query.support;

import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import io.lms.query.support.VersionedBatch.Kind;
import io.lms.query.support.VersionedBatch.Write;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

class MergedWritesTest {

    private static final CodecRegistry REGISTRY = MongoClientSettings.getDefaultCodecRegistry();

    @Test
    void the_field_setting_writes_of_one_document_are_one_update_in_the_place_of_its_first() {
        List<Write> writes = List.of(
                write("a", 1, Kind.UPSERT, set("status", "active"), set("progress", 0.0)),
                write("b", 1, Kind.UPSERT, set("status", "active")),
                write("a", 2, Kind.UPDATE, set("progress", 0.5)),
                write("a", 3, Kind.UPDATE, set("completed_at", "then")));

        List<WriteModel<Document>> models = MergedWrites.of(writes, REGISTRY).models();

        assertThat(models).hasSize(2);
        assertThat(update(models.get(0)))
                .isEqualTo(
                        BsonDocument.parse(
                                "{$set: {status: 'active', progress: 0.5, version: {$numberLong: '3'}, completed_at: 'then'}}"));
        assertThat(((UpdateOneModel<Document>) models.get(0)).getOptions().isUpsert())
                .isTrue();
        assertThat(update(models.get(1)))
                .isEqualTo(BsonDocument.parse("{$set: {status: 'active', version: {$numberLong: '1'}}}"));
    }

    @Test
    void a_write_that_does_more_than_set_or_sets_inside_a_field_set_before_ends_the_merge() {
        List<Write> writes = List.of(
                write("a", 1, Kind.UPSERT, set("rating", new Document("average", 4.0))),
                write("a", 2, Kind.UPDATE, set("rating.average", 5.0)),
                write("a", 3, Kind.UPDATE, inc("count", 1)),
                write("a", 4, Kind.UPDATE, set("status", "done")),
                new Write("a", 5, List.of(), Kind.DELETE),
                write("a", 6, Kind.UPSERT, set("status", "again")));

        List<WriteModel<Document>> models = MergedWrites.of(writes, REGISTRY).models();

        assertThat(models).hasSize(6);
        assertThat(models.get(4)).isInstanceOf(DeleteOneModel.class);
    }

    @Test
    void after_a_lost_insert_race_the_writes_not_made_are_decided_again_in_their_order() {
        Write a1 = write("a", 1, Kind.UPSERT, set("x", 1));
        Write b1 = write("b", 1, Kind.UPSERT, set("x", 1));
        Write a2 = write("a", 2, Kind.UPDATE, set("x", 2));
        Write c1 = write("c", 1, Kind.UPSERT, set("x", 1));
        Write b2 = write("b", 2, Kind.UPDATE, set("x", 2));
        MergedWrites merged = MergedWrites.of(List.of(a1, b1, a2, c1, b2), REGISTRY);

        // updates: a1+a2, b1+b2, c1; b's upsert lost the race
        assertThat(merged.notWrittenAfterFailureOf(1)).containsExactly(c1, b2);
    }

    private static Write write(String id, long version, Kind kind, Bson... updates) {
        return new Write(id, version, List.of(updates), kind);
    }

    private static BsonDocument update(WriteModel<Document> model) {
        return ((UpdateOneModel<Document>) model).getUpdate().toBsonDocument(BsonDocument.class, REGISTRY);
    }
}
