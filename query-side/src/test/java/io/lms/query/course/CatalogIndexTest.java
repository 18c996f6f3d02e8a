package io.lms.query.course;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.lms.api.common.Role;
import io.lms.api.course.CourseArchivedEvent;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.CourseView;
import io.lms.api.course.Price;
import io.lms.platform.security.Caller;
import io.lms.platform.web.PageResponse;
import io.lms.query.course.CatalogIndex.Criteria;
import io.lms.query.course.CatalogIndex.Entry;
import io.lms.query.support.ReadModelCollections;
import io.lms.query.support.WireServer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-memory catalog must answer exactly what the MongoDB query answers: the same documents, written by the
 * real projection, are asked the same random queries both ways, and every page (items in order, and the total)
 * must be equal.
 */
class CatalogIndexTest {

    private static final String[] CATEGORIES = {"programming", "design", "health", "Music"};
    private static final String[] TAGS = {"java", "Java", "sql", "ux", "yoga", "jazz", "données"};
    private static final String[] WORDS = {
        "Café",
        "cafe",
        "python",
        "Straße",
        "data",
        "DATA",
        "science",
        "intro",
        "advanced",
        "𝔘nicode",
        "zebra",
        "élan",
        "äpfel",
        "apple",
        "42"
    };
    private static final List<ObjectId> INSTRUCTORS = List.of(new ObjectId(), new ObjectId(), new ObjectId());

    private static CourseReadModel readModel;
    private static CatalogIndex index;

    @BeforeAll
    static void seed() {
        readModel = new CourseReadModel(ReadModelCollections.of(WireServer.freshDatabase("catalog_index_test")));
        CourseProjection projection = new CourseProjection(readModel);
        Random random = new Random(7);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 400; i++) {
            String id = new ObjectId().toHexString();
            ObjectId instructor = INSTRUCTORS.get(random.nextInt(INSTRUCTORS.size()));
            // some courses share a creation time, a title, a price or a rating, so that ties are broken by _id
            Instant created = t.plusSeconds(random.nextInt(50));
            String title = words(random, 1 + random.nextInt(3));
            projection.on(
                    new CourseCreatedEvent(
                            id,
                            instructor.toHexString(),
                            new CourseDetails(
                                    title,
                                    "course-" + i,
                                    words(random, random.nextInt(6)),
                                    CATEGORIES[random.nextInt(CATEGORIES.length)],
                                    pick(random, TAGS, random.nextInt(3)),
                                    CourseLevel.values()[random.nextInt(CourseLevel.values().length)],
                                    List.of(),
                                    List.of(),
                                    new Price(
                                            random.nextInt(4) == 0
                                                    ? BigDecimal.ZERO
                                                    : new BigDecimal(random.nextInt(3000)).movePointLeft(2),
                                            "USD"))),
                    0,
                    created);
            int fate = random.nextInt(10);
            if (fate < 8) {
                projection.on(new CoursePublishedEvent(id, instructor.toHexString(), title), 1, created);
            }
            if (fate == 7) {
                projection.on(
                        new CourseArchivedEvent(id, instructor.toHexString(), title, CourseStatus.PUBLISHED),
                        2,
                        created);
            }
            // what the enrollment and review projections will own
            readModel
                    .courses()
                    .updateOne(
                            Filters.eq("_id", new ObjectId(id)),
                            Updates.combine(
                                    Updates.set("rating.average", random.nextInt(11) / 2.0),
                                    Updates.set("enrollment_count", random.nextInt(5))));
        }
        List<Entry> published = new ArrayList<>();
        for (Document d : readModel.courses().find(Filters.eq("status", "published"))) {
            published.add(Entry.of(d, CatalogIndexTest::render));
        }
        index = CatalogIndex.of(published);
    }

    @Test
    void every_random_query_answers_the_same_page_as_mongodb() {
        Random random = new Random(11);
        int nonEmpty = 0;
        for (int i = 0; i < 600; i++) {
            CatalogQuery query = new CatalogQuery(
                    random.nextInt(3) == 0 ? CATEGORIES[random.nextInt(CATEGORIES.length)] : null,
                    random.nextInt(3) == 0 ? CourseLevel.values()[random.nextInt(CourseLevel.values().length)] : null,
                    random.nextInt(4) == 0 ? pick(random, TAGS, 1 + random.nextInt(2)) : null,
                    random.nextInt(5) == 0
                            ? INSTRUCTORS
                                    .get(random.nextInt(INSTRUCTORS.size()))
                                    .toHexString()
                            : null,
                    random.nextBoolean() ? CourseStatus.PUBLISHED : null,
                    random.nextInt(3) == 0 ? words(random, 1 + random.nextInt(2)) : null,
                    random.nextInt(4) == 0 ? random.nextInt(11) / 2.0 : null,
                    CatalogSort.values()[random.nextInt(CatalogSort.values().length)]);
            int size = 1 + random.nextInt(30);
            int page = random.nextInt(4);

            PageResponse<CourseView> fromMongo = readModel.catalog(query, Caller.anonymous(), page, size);
            PageResponse<CourseView> fromMemory = index.page(Criteria.of(query), page, size);

            assertThat(fromMemory.total()).as("total of %s", query).isEqualTo(fromMongo.total());
            assertThat(fromMemory.items()).as("page %d of %s", page, query).isEqualTo(fromMongo.items());
            if (!fromMongo.items().isEmpty()) {
                nonEmpty++;
            }
        }
        // the comparison means something only if many queries find courses
        assertThat(nonEmpty).isGreaterThan(200);
    }

    /** The page put together from pre-rendered courses is the JSON Jackson writes for the same page. */
    @Test
    void a_rendered_page_is_the_json_of_the_page() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 50; i++) {
            CatalogQuery query = new CatalogQuery(
                    random.nextBoolean() ? CATEGORIES[random.nextInt(CATEGORIES.length)] : null,
                    null,
                    null,
                    null,
                    null,
                    random.nextBoolean() ? words(random, 1) : null,
                    null,
                    CatalogSort.values()[random.nextInt(CatalogSort.values().length)]);
            int page = random.nextInt(3);
            int size = 1 + random.nextInt(20);
            CatalogIndex.RenderedPage rendered = index.render(Criteria.of(query), page, size);
            PageResponse<CourseView> expected = index.page(Criteria.of(query), page, size);

            assertThat(JSON.readTree(rendered.json())).isEqualTo(JSON.readTree(JSON.writeValueAsBytes(expected)));
            assertThat(rendered.total()).isEqualTo(expected.total());
        }
    }

    @Test
    void every_order_lists_all_published_courses_like_mongodb() {
        for (CatalogSort sort : CatalogSort.values()) {
            CatalogQuery all = new CatalogQuery(null, null, null, null, null, null, null, sort);
            assertThat(index.page(Criteria.of(all), 0, 1000).items())
                    .as("order %s", sort)
                    .isEqualTo(
                            readModel.catalog(all, Caller.anonymous(), 0, 1000).items());
        }
    }

    @Test
    void only_published_queries_are_answered_from_memory() {
        Caller admin = new Caller(new ObjectId().toHexString(), Role.ADMIN);
        Caller instructor = new Caller(new ObjectId().toHexString(), Role.INSTRUCTOR);
        assertThat(CourseReadModel.onlyPublished(query(null), Caller.anonymous()))
                .isTrue();
        assertThat(CourseReadModel.onlyPublished(query(null), instructor)).isTrue();
        assertThat(CourseReadModel.onlyPublished(query(CourseStatus.PUBLISHED), admin))
                .isTrue();
        // an admin without a status sees every course; an instructor asking for drafts sees their own
        assertThat(CourseReadModel.onlyPublished(query(null), admin)).isFalse();
        assertThat(CourseReadModel.onlyPublished(query(CourseStatus.DRAFT), instructor))
                .isFalse();
        assertThat(CourseReadModel.onlyPublished(query(CourseStatus.ARCHIVED), admin))
                .isFalse();
    }

    @Test
    void a_page_beyond_the_end_is_empty_with_the_total_both_ways() {
        CatalogQuery all = query(null);
        PageResponse<CourseView> fromMongo = readModel.catalog(all, Caller.anonymous(), Integer.MAX_VALUE, 100);
        PageResponse<CourseView> fromMemory = index.page(Criteria.of(all), Integer.MAX_VALUE, 100);
        assertThat(fromMongo.items()).isEmpty();
        assertThat(fromMemory.items()).isEmpty();
        assertThat(fromMemory.total()).isEqualTo(fromMongo.total()).isEqualTo(index.size());
    }

    /**
     * MongoDB orders strings by their UTF-8 bytes, that is by code point: U+FF21 before U+1D518. The embedded
     * server compares Java strings (UTF-16 units) and puts them the other way round, so the random queries above
     * keep to characters on which both agree, and this pins the order the mirror keeps: MongoDB's.
     */
    @Test
    void titles_are_ordered_by_code_point_as_mongodb_orders_them() {
        Entry fullwidth = entry("\uFF21bc");
        Entry mathematical = entry("\uD835\uDD18nicode");
        Entry plain = entry("Zebra");
        CatalogIndex titles = CatalogIndex.of(List.of(mathematical, fullwidth, plain));
        CatalogQuery byTitle = new CatalogQuery(null, null, null, null, null, null, null, CatalogSort.TITLE);

        assertThat(titles.page(Criteria.of(byTitle), 0, 10).items())
                .extracting(CourseView::title)
                .containsExactly("Zebra", "\uFF21bc", "\uD835\uDD18nicode");
    }

    private static Entry entry(String title) {
        ObjectId id = new ObjectId();
        return Entry.of(
                new Document("_id", id)
                        .append("title", title)
                        .append("status", "published")
                        .append("version", 1L)
                        .append("created_at", new java.util.Date())
                        .append("keywords", List.of()),
                CatalogIndexTest::render);
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static byte[] render(CourseView view) {
        try {
            return JSON.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CatalogQuery query(CourseStatus status) {
        return new CatalogQuery(null, null, null, null, status, null, null, CatalogSort.NEWEST);
    }

    private static String words(Random random, int count) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add(WORDS[random.nextInt(WORDS.length)]);
        }
        return String.join(random.nextBoolean() ? " " : ", ", words);
    }

    private static List<String> pick(Random random, String[] from, int count) {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String value = from[random.nextInt(from.length)];
            if (!picked.contains(value)) {
                picked.add(value);
            }
        }
        return picked;
    }
}
