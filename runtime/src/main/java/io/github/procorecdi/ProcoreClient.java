package io.github.procorecdi;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Objects;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

/**
 * Qualifies an injection point that talks to Procore through one configured connection.
 *
 * <pre>{@code
 * @Inject @ProcoreClient CompaniesApi companies;            // connection "default"
 * @Inject @ProcoreClient("sandbox") CompaniesApi sandbox;   // connection "sandbox"
 * @Inject @ProcoreClient("dmsa") ProcoreConnection dmsa;    // tokens, authorize URL, revoke
 * }</pre>
 *
 * The injected type is either {@link ProcoreConnection} or any interface usable with
 * MicroProfile Rest Client. The connection is configured with MicroProfile Config
 * properties prefixed {@code procore.<value>.}. On an interface the annotation only documents
 * the connection it is meant for.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({TYPE, FIELD, METHOD, PARAMETER})
public @interface ProcoreClient {

    /** The name of the default connection. */
    String DEFAULT = "default";

    /** @return the connection name; its configuration prefix is {@code procore.<value>.} */
    String value() default DEFAULT;

    /** Annotation literal, for programmatic lookup such as {@code Instance.select(type, ProcoreClient.Literal.of("dmsa"))}. */
    final class Literal extends AnnotationLiteral<ProcoreClient> implements ProcoreClient {
        private static final long serialVersionUID = 1L;
        private final String value;

        private Literal(String value) {
            this.value = Objects.requireNonNull(value, "value");
        }

        /**
         * @param connection the connection name
         * @return a literal for that connection
         */
        public static Literal of(String connection) {
            return new Literal(connection);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
