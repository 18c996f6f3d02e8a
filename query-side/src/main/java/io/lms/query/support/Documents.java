package io.lms.query.support;

import java.time.Instant;
import java.util.Date;
import org.bson.types.ObjectId;

/** Conversions between the read models' BSON types and the API's. */
public final class Documents {

    private Documents() {}

    public static ObjectId oid(String hex) {
        return new ObjectId(hex);
    }

    public static String hex(Object id) {
        return id instanceof ObjectId oid ? oid.toHexString() : id == null ? null : id.toString();
    }

    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
