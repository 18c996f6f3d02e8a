import com.mongodb.client.MongoClients;
import com.mongodb.client.model.InsertManyOptions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Writes N published course documents, shaped as the courses projection writes them, straight into the
 * {@code courses} collection (for the catalog mirror's start-up benchmark, catalog-mirror.sh).
 * Run with the query side's jars: java -cp 'query-side/target/run/lib/*' SeedCourses.java MONGODB_URI N
 */
public class SeedCourses {
    public static void main(String[] args) {
        String uri = args[0];
        int count = Integer.parseInt(args[1]);
        String[] categories = {"programming", "design", "business", "music", "languages"};
        String[] levels = {"beginner", "intermediate", "advanced"};
        try (var client = MongoClients.create(uri)) {
            var courses = client.getDatabase(new com.mongodb.ConnectionString(uri).getDatabase()).getCollection("courses");
            List<Document> batch = new ArrayList<>();
            Date now = new Date();
            for (int i = 0; i < count; i++) {
                String title = "Course " + i + " on topic " + (i % 997);
                batch.add(new Document("_id", new ObjectId())
                        .append("title", title)
                        .append("slug", "course-" + i)
                        .append("description", "A course about topic " + (i % 997) + ", with exercises and a project.")
                        .append("category", categories[i % categories.length])
                        .append("tags", List.of("tag" + (i % 50), "tag" + (i % 7)))
                        .append("level", levels[i % levels.length])
                        .append("instructor_id", new ObjectId())
                        .append("topics", List.of())
                        .append("requirements", List.of("curiosity"))
                        .append("outcomes", List.of("skill " + (i % 13)))
                        .append("rating", new Document("average", (i % 50) / 10.0).append("count", (long) (i % 100)))
                        .append("enrollment_count", (long) (i % 1000))
                        .append("price", new Document("amount", new Decimal128(BigDecimal.valueOf(i % 100, 0)))
                                .append("currency", "USD"))
                        .append("keywords", List.of("course", String.valueOf(i), "topic", String.valueOf(i % 997)))
                        .append("created_at", now)
                        .append("updated_at", now)
                        .append("status", "published")
                        .append("version", 1L));
                if (batch.size() == 1_000) {
                    courses.insertMany(batch, new InsertManyOptions().ordered(false));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                courses.insertMany(batch);
            }
            System.out.println("seeded " + courses.countDocuments() + " courses");
        }
    }
}
