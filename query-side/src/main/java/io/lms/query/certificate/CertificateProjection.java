package io.lms.query.certificate;

import static com.mongodb.client.model.Updates.set;
import static io.lms.query.support.Documents.date;
import static io.lms.query.support.Documents.oid;

import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.query.course.CourseProjection;
import io.lms.query.support.VersionedBatch;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@code certificates} read model, as collections.md documents it, plus what verifying and showing it needs:
 * {@code enrollment_id} (whose version {@code version} is), {@code verification_code} and {@code course_title}.
 * {@code certificate_url} is stored as the path with the code; the API answers it as an absolute URL of the
 * query side (CertificateUrls), so that the documents do not depend on the host name the service is reached by.
 */
@Component
@ProcessingGroup(CourseProjection.NAME)
public class CertificateProjection {

    private final CertificateReadModel readModel;

    public CertificateProjection(CertificateReadModel readModel) {
        this.readModel = readModel;
    }

    @EventHandler
    void on(CertificateIssuedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        VersionedBatch.upsert(
                readModel.certificates(),
                oid(event.certificateId()),
                version,
                List.of(
                        set("user_id", oid(event.studentId())),
                        set("course_id", oid(event.courseId())),
                        set("issued_at", date(at)),
                        set("certificate_url", CertificateUrls.path(event.certificateId(), event.verificationCode())),
                        set("enrollment_id", oid(event.enrollmentId())),
                        set("verification_code", event.verificationCode()),
                        set("course_title", event.courseTitle())));
    }

    @ResetHandler
    void reset() {
        readModel.certificates().deleteMany(new Document());
    }
}
