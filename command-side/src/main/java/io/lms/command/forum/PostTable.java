package io.lms.command.forum;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What the forum's rules need of its posts, and nothing more: each post's author and whether it was deleted.
 * Authors are numbered (a forum has far fewer authors than posts), so a post costs one map entry in memory and
 * 16 bytes in a snapshot (its 12-byte id and its author's number with the deleted flag), where a map of records
 * would cost several times that in JSON. Post ids are 24-hex ObjectIds, as the aggregate checks.
 */
final class PostTable {

    private static final int DELETED = 1;

    private final List<String> authors = new ArrayList<>();
    private final Map<String, Integer> authorNumbers = new HashMap<>();
    private final Map<String, Integer> posts;

    PostTable() {
        this(16);
    }

    private PostTable(int expectedPosts) {
        posts = new HashMap<>(Math.max(16, expectedPosts * 4 / 3 + 1));
    }

    void add(String postId, String authorId) {
        Integer number = authorNumbers.get(authorId);
        if (number == null) {
            number = authors.size();
            authors.add(authorId);
            authorNumbers.put(authorId, number);
        }
        posts.put(postId, number << 1);
    }

    boolean contains(String postId) {
        return postId != null && posts.containsKey(postId);
    }

    /** The author of the post, or {@code null} when the forum has no such post. */
    String authorOf(String postId) {
        Integer entry = postId == null ? null : posts.get(postId);
        return entry == null ? null : authors.get(entry >>> 1);
    }

    boolean isDeleted(String postId) {
        Integer entry = posts.get(postId);
        return entry != null && (entry & DELETED) != 0;
    }

    void markDeleted(String postId) {
        posts.computeIfPresent(postId, (id, entry) -> entry | DELETED);
    }

    int size() {
        return posts.size();
    }

    /** Every post with its author and deleted flag, in the order of their ids (the order they were written). */
    List<Post> list() {
        List<Post> list = new ArrayList<>(posts.size());
        posts.forEach((id, entry) -> list.add(new Post(id, authors.get(entry >>> 1), (entry & DELETED) != 0)));
        list.sort(java.util.Comparator.comparing(Post::postId));
        return list;
    }

    /** One post as the table knows it. */
    record Post(String postId, String authorId, boolean deleted) {}

    /** The snapshot form: the authors, and every post as 16 bytes, in Base64. */
    @JsonValue
    Packed pack() {
        ByteBuffer buffer = ByteBuffer.allocate(posts.size() * 16);
        HexFormat hex = HexFormat.of();
        posts.forEach((id, entry) -> buffer.put(hex.parseHex(id)).putInt(entry));
        return new Packed(List.copyOf(authors), Base64.getEncoder().encodeToString(buffer.array()));
    }

    @JsonCreator
    static PostTable unpack(Packed packed) {
        byte[] bytes = Base64.getDecoder().decode(packed.posts());
        PostTable table = new PostTable(bytes.length / 16);
        for (String author : packed.authors()) {
            table.authorNumbers.put(author, table.authors.size());
            table.authors.add(author);
        }
        HexFormat hex = HexFormat.of();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] id = new byte[12];
        while (buffer.hasRemaining()) {
            buffer.get(id);
            table.posts.put(hex.formatHex(id), buffer.getInt());
        }
        return table;
    }

    record Packed(List<String> authors, String posts) {}
}
