package io.lms.command.forum;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * A forum's state as an auditor reads it: the post table, which a snapshot packs into Base64, as a list of
 * {@code {post_id, author_id, deleted}} in the order the posts were written.
 */
public final class ForumStateJson {

    private ForumStateJson() {}

    public static Module module() {
        return new SimpleModule("forum-state").addSerializer(PostTable.class, new PostListSerializer());
    }

    private static final class PostListSerializer extends StdSerializer<PostTable> {

        PostListSerializer() {
            super(PostTable.class);
        }

        @Override
        public void serialize(PostTable table, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray();
            for (PostTable.Post post : table.list()) {
                gen.writeStartObject();
                gen.writeStringField("post_id", post.postId());
                gen.writeStringField("author_id", post.authorId());
                gen.writeBooleanField("deleted", post.deleted());
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
    }
}
