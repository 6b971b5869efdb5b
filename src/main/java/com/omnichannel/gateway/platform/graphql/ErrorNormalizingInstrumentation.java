package com.omnichannel.gateway.platform.graphql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.net.ConnectException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.ErrorCode;
import com.omnichannel.gateway.platform.http.GraphQLHttpAnswers;

import io.vertx.sqlclient.ClosedConnectionException;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import graphql.introspection.IntrospectionDisabledError;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;

/**
 * The one place where every GraphQL error gets its final shape: a message meant for API users and
 * {@code extensions.code}. Unexpected exceptions are logged here with their cause and reach the client only
 * as INTERNAL, so no stack trace, SQL text or class name ever leaves the service.
 */
public class ErrorNormalizingInstrumentation extends SimplePerformantInstrumentation {

    private static final Logger LOG = Logger.getLogger(ErrorNormalizingInstrumentation.class);

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (result.getErrors().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        if (!result.isDataPresent()) {
            GraphQLHttpAnswers.markRequestError();
        }
        List<GraphQLError> normalized = new ArrayList<>(result.getErrors().size());
        boolean inputRejected = false;
        // Failures after the client hung up are the hang-up's consequence (HungUpClients), and no one reads them.
        boolean hungUp = parameters != null && HungUpClients.hungUp(parameters.getExecutionInput().getGraphQLContext());
        if (hungUp) {
            LOG.debugf("The client hung up before the answer of operation %s; %d fields failed or were not resolved",
                    parameters.getOperation(), result.getErrors().size());
        }
        for (GraphQLError error : result.getErrors()) {
            GraphQLError shaped = normalize(error, parameters, hungUp);
            Object code = shaped.getExtensions().get("code");
            inputRejected |= ErrorCode.BAD_USER_INPUT.name().equals(code)
                    || ErrorCode.GRAPHQL_VALIDATION_FAILED.name().equals(code);
            normalized.add(shaped);
        }
        if (!inputRejected && !hungUp) {
            for (GraphQLError error : result.getErrors()) {
                if (error.getErrorType() == ErrorType.NullValueInNonNullableField) {
                    LOG.errorf("Non-null field resolved to null in operation %s: %s", parameters.getOperation(),
                            error.getMessage());
                }
            }
        }
        if (inputRejected) {
            // A field whose arguments were rejected resolves to null; the non-null violation that follows is a
            // consequence, not a second problem, and must not read as a server failure.
            List<GraphQLError> original = result.getErrors();
            List<GraphQLError> kept = new ArrayList<>();
            for (int i = 0; i < original.size(); i++) {
                if (original.get(i).getErrorType() != ErrorType.NullValueInNonNullableField) {
                    kept.add(normalized.get(i));
                }
            }
            normalized = kept;
        }
        List<GraphQLError> errors = normalized;
        return CompletableFuture.completedFuture(result.transform(builder -> builder.errors(errors)));
    }

    private GraphQLError normalize(GraphQLError error, InstrumentationExecutionParameters parameters, boolean hungUp) {
        if (error instanceof ExceptionWhileDataFetching fetching) {
            Throwable cause = unwrap(fetching.getException());
            if (cause instanceof ApiException api) {
                return build(error, api.code(), api.getMessage(), api.extensions());
            }
            if (databaseUnreachable(fetching.getException())) {
                // One line, no stack: during an outage every request fails the same way.
                LOG.warnf("Database unavailable in operation %s at %s: %s", parameters.getOperation(), error.getPath(),
                        rootMessage(fetching.getException()));
                return build(error, ErrorCode.DATABASE_UNAVAILABLE, "The database is unavailable; try again shortly");
            }
            if (cause instanceof CoercingParseLiteralException || cause instanceof CoercingParseValueException) {
                // A scalar argument that could not be read, e.g. 1.5 for an Int.
                return build(error, ErrorCode.BAD_USER_INPUT, "Invalid argument value for field '"
                        + lastPathSegment(error) + "': " + clean(cause.getMessage()));
            }
            if (!hungUp) {
                LOG.errorf(cause, "Unexpected failure in operation %s at %s", parameters.getOperation(), error.getPath());
            }
            return build(error, ErrorCode.INTERNAL, "Internal server error");
        }
        if (error instanceof IntrospectionDisabledError) {
            return build(error, ErrorCode.GRAPHQL_VALIDATION_FAILED, "Introspection is disabled on this server");
        }
        ErrorClassification type = error.getErrorType();
        if (type == ErrorType.InvalidSyntax) {
            return build(error, ErrorCode.GRAPHQL_PARSE_FAILED, error.getMessage());
        }
        if (type == ErrorType.ValidationError) {
            // Variable coercion problems are the client's input; document problems are the client's query.
            // Variable coercion problems and values of the wrong type are the client's input; other document
            // problems (unknown fields, missing selections) are the client's query.
            ErrorCode code = error instanceof ValidationError validation
                    && validation.getValidationErrorType() != ValidationErrorType.WrongType
                            ? ErrorCode.GRAPHQL_VALIDATION_FAILED
                            : ErrorCode.BAD_USER_INPUT;
            return build(error, code, clean(error.getMessage()));
        }
        if (error instanceof TrustedOperationGuard.NotAllowed notAllowed) {
            return build(error, notAllowed.code(), error.getMessage());
        }
        if (type == ErrorType.ExecutionAborted) {
            // Raised by the operation limits (OperationLimitsInstrumentation) before anything runs.
            return build(error, ErrorCode.BAD_USER_INPUT, error.getMessage());
        }
        if (type == ErrorType.OperationNotSupported) {
            return build(error, ErrorCode.BAD_USER_INPUT, error.getMessage());
        }
        if (type == ErrorType.NullValueInNonNullableField) {
            return build(error, ErrorCode.INTERNAL, "Internal server error"); // logged by the caller unless a consequence
        }
        Object existing = error.getExtensions() == null ? null : error.getExtensions().get("code");
        if (existing != null) {
            return error;
        }
        LOG.errorf("Unclassified GraphQL error in operation %s: %s", parameters.getOperation(), error.getMessage());
        return build(error, ErrorCode.INTERNAL, "Internal server error");
    }

    private static GraphQLError build(GraphQLError original, ErrorCode code, String message) {
        return build(original, code, message, Map.of());
    }

    private static GraphQLError build(GraphQLError original, ErrorCode code, String message, Map<String, Object> extra) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.putAll(extra);
        return new ShapedError(message == null ? code.name() : message, original.getLocations(), original.getPath(),
                Collections.unmodifiableMap(extensions), original.getErrorType());
    }

    /**
     * An error in its final shape. Its classification stays readable inside the service but is not written out:
     * graphql-java writes every error's classification into {@code extensions} ({@code "classification":
     * "DataFetchingException"} for any error it did not raise itself), and clients are promised only {@code code} and
     * the documented fields.
     */
    record ShapedError(String message, List<SourceLocation> locations, List<Object> path, Map<String, Object> extensions,
            ErrorClassification classification) implements GraphQLError {

        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public List<SourceLocation> getLocations() {
            return locations;
        }

        @Override
        public List<Object> getPath() {
            return path;
        }

        @Override
        public Map<String, Object> getExtensions() {
            return extensions;
        }

        @Override
        public ErrorClassification getErrorType() {
            return classification;
        }

        @Override
        public Map<String, Object> toSpecification() {
            Map<String, Object> specification = new LinkedHashMap<>();
            specification.put("message", message);
            if (locations != null && !locations.isEmpty()) {
                List<Map<String, Integer>> written = new ArrayList<>(locations.size());
                for (SourceLocation location : locations) {
                    written.add(Map.of("line", location.getLine(), "column", location.getColumn()));
                }
                specification.put("locations", written);
            }
            if (path != null) {
                specification.put("path", path);
            }
            specification.put("extensions", extensions);
            return specification;
        }
    }

    private static final Pattern AST_VALUE = Pattern.compile("\\w+Value\\{value='?([^'}]*)'?}");
    private static final Pattern ENGINE_CODE = Pattern.compile("SRGQL\\d+: ");

    /** Removes engine internals (AST class names, engine message codes) from a message meant for clients. */
    static String clean(String message) {
        if (message == null) {
            return "Invalid input";
        }
        return ENGINE_CODE.matcher(AST_VALUE.matcher(message).replaceAll("'$1'")).replaceAll("");
    }

    /** The reactive pool's address (host:port), from its URL: connection failures to it mean the database is down. */
    private static final String DATABASE_ADDRESS = databaseAddress();

    private static String databaseAddress() {
        try {
            String url = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.reactive.url", String.class).orElse("");
            Matcher matcher = Pattern.compile("//(?:[^@/]*@)?([^/:?]+)(?::(\\d+))?").matcher(url);
            return matcher.find() ? ":" + (matcher.group(2) == null ? "5432" : matcher.group(2)) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether a failure means PostgreSQL cannot be reached: a connection of the pool that was closed under it, or a
     * new connection to the database's address that was refused or timed out.
     */
    /** The SQL client pool's failure when no connection was had within its connection timeout. */
    private static final String POOL_TIMEOUT = "Timeout waiting for connection";

    static boolean databaseUnreachable(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 15; depth++) {
            if (current instanceof ClosedConnectionException) {
                return true; // including one closed by app.db.response-timeout: PostgreSQL answered nothing
            }
            if (current instanceof io.vertx.core.VertxException && POOL_TIMEOUT.equals(current.getMessage())) {
                return true; // app.db.acquisition-timeout: no connection of the pool came free (or could be opened)
            }
            boolean connectFailure = current instanceof ConnectException
                    || current.getClass().getSimpleName().equals("ConnectTimeoutException");
            String message = current.getMessage();
            if (connectFailure && DATABASE_ADDRESS != null && message != null && message.endsWith(DATABASE_ADDRESS)) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current.getCause() != null && depth < 15; depth++) {
            current = current.getCause();
        }
        return current.getClass().getSimpleName() + ": " + current.getMessage();
    }

    private static String lastPathSegment(GraphQLError error) {
        List<Object> path = error.getPath();
        return path == null || path.isEmpty() ? "?" : String.valueOf(path.get(path.size() - 1));
    }

    /** The ApiException anywhere in the cause chain (wrappers from reflection and futures), else the original. */
    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof ApiException) {
                return current;
            }
            current = current.getCause();
        }
        return t;
    }
}
