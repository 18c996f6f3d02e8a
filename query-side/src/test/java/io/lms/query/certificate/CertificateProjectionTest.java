package io.lms.query.certificate;

import static io.lms.query.LearningProjections.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.query.LearningProjections;
import java.util.Date;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** Feeds a certificate's event to the projection and reads the document back. */
class CertificateProjectionTest {

    private static final String COURSE = "6b06eb3caa76f936f62db700";
    private static final String ALICE = "6b06eb3caa76f936f62db801";
    private static final String CERTIFICATE = "6b06eb3caa76f936f62db901";
    private static final String ENROLLMENT = new EnrollmentKey(ALICE, COURSE).enrollmentId();
    private static final String CODE = "q3Yk8m0v_7Lw-2cZ1xHf9A";

    @Test
    void an_issued_certificate_becomes_a_document_with_its_verification_path() {
        LearningProjections projections = new LearningProjections("certificate_projection_test");
        projections.enrollment(
                ENROLLMENT,
                7,
                new CertificateIssuedEvent(ENROLLMENT, CERTIFICATE, ALICE, COURSE, "Café Python", CODE),
                T0);

        Document d = projections.document("certificates", CERTIFICATE);
        assertThat(d.get("user_id")).isEqualTo(new ObjectId(ALICE));
        assertThat(d.get("course_id")).isEqualTo(new ObjectId(COURSE));
        assertThat(d.getDate("issued_at")).isEqualTo(Date.from(T0));
        assertThat(d.getString("certificate_url")).isEqualTo("/api/certificates/" + CERTIFICATE + "?code=" + CODE);
        assertThat(d.getString("verification_code")).isEqualTo(CODE);
        assertThat(d.getString("course_title")).isEqualTo("Café Python");
        assertThat(d.get("enrollment_id")).isEqualTo(new ObjectId(ENROLLMENT));
        assertThat(d.get("version", Number.class).longValue()).isEqualTo(7);
    }
}
