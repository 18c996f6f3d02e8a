package io.lms.platform.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/** A 24-hex-digit MongoDB ObjectId, as every id of the REST contract is. {@code null} is left to {@code @NotNull}. */
@Documented
@Constraint(validatedBy = ObjectIdValue.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ObjectIdValue {

    String message() default "must be a 24-hex-digit ObjectId";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    Pattern PATTERN = Pattern.compile("^[0-9a-f]{24}$");

    class Validator implements ConstraintValidator<ObjectIdValue, String> {

        public static boolean isObjectId(String value) {
            return value != null && PATTERN.matcher(value).matches();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isObjectId(value);
        }
    }
}
