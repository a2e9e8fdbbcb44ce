package dev.attache.client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The API answered with an error status. Carries the status, every {@code errors[].message}, the
 * incident phrase of a 500, {@code Retry-After}, the server's request id, and the request's
 * method and path.
 *
 * <p>Subclasses name the cases callers usually handle differently; other statuses arrive as this
 * class. Use {@link #of} to get the right subclass for a status.
 */
public class AsanaApiException extends AsanaException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status. */
    private final int status;
    private final transient List<AsanaError> errors;
    /** The request method. */
    private final String method;
    /** The request path below the API base. */
    private final String path;
    /** The server's {@code Retry-After}, or null. */
    private final @Nullable Duration retryAfter;
    /** The server's {@code X-Request-Id}, or null. */
    private final @Nullable String requestId;

    /**
     * Creates the exception.
     *
     * @param response what arrived
     */
    protected AsanaApiException(ErrorResponse response) {
        super(messageOf(response));
        this.status = response.status();
        this.errors = response.errors();
        this.method = response.method();
        this.path = response.path();
        this.retryAfter = response.retryAfter();
        this.requestId = response.requestId();
    }

    /**
     * Returns the exception type that matches the response's status.
     *
     * @param response the error response
     * @return for example a {@link RateLimitedException} for 429
     */
    public static AsanaApiException of(ErrorResponse response) {
        int status = response.status();
        return switch (status) {
            case 400 -> new BadRequestException(response);
            case 401 -> new AuthenticationException(response);
            case 402 -> new PaymentRequiredException(response);
            case 403 -> new ForbiddenException(response);
            case 404 -> new NotFoundException(response);
            case 413 -> new PayloadTooLargeException(response);
            case 429 -> new RateLimitedException(response);
            default -> status >= 500 ? new ServerErrorException(response) : new AsanaApiException(response);
        };
    }

    /**
     * The HTTP status.
     *
     * @return for example 404
     */
    public int status() {
        return status;
    }

    /**
     * Every error the body listed, in order; empty when the body was not an Asana error.
     *
     * @return an unmodifiable list
     */
    public List<AsanaError> errors() {
        return errors;
    }

    /**
     * The incident phrase of a 500 response, which Asana support can look up.
     *
     * @return the first phrase in the body, if any
     */
    public Optional<String> phrase() {
        return errors.stream().map(AsanaError::phrase).filter(p -> p != null).findFirst();
    }

    /**
     * The delay the server asked for in {@code Retry-After}.
     *
     * @return the delay, if the header was present and valid
     */
    public Optional<Duration> retryAfterHeader() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * The server's name for the request ({@code X-Request-Id}), which its access log repeats.
     *
     * @return the id, if the server sent one
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * The request method.
     *
     * @return for example {@code POST}
     */
    public String method() {
        return method;
    }

    /**
     * The request path below the API base, without the query.
     *
     * @return for example {@code /attachments/123}
     */
    public String path() {
        return path;
    }

    private static String messageOf(ErrorResponse r) {
        StringBuilder line = new StringBuilder()
                .append(r.method()).append(' ').append(r.path()).append(" -> ").append(r.status());
        String details = details(r);
        if (!details.isEmpty()) {
            line.append(" (").append(details).append(')');
        }
        String text = r.errors().stream().map(AsanaError::message).collect(Collectors.joining("; "));
        if (!text.isEmpty()) {
            line.append(": ").append(text);
        }
        return line.toString().replace('\n', ' ').replace('\r', ' ');
    }

    private static String details(ErrorResponse r) {
        StringBuilder d = new StringBuilder();
        if (r.requestId() != null) {
            d.append("request ").append(r.requestId());
        }
        if (r.retryAfter() != null) {
            d.append(d.length() == 0 ? "" : ", ").append("retry-after ").append(r.retryAfter().toSeconds()).append('s');
        }
        r.errors().stream().map(AsanaError::phrase).filter(p -> p != null).findFirst()
                .ifPresent(p -> d.append(d.length() == 0 ? "" : ", ").append("phrase '").append(p).append('\''));
        return d.toString();
    }
}
