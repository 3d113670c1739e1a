package io.cascade.auth;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The backend over HTTP/1.1 GET, on virtual threads. Only the status and headers count: the body
 * is not read (the stream is closed at once), so a backend cannot make it hold memory or time;
 * the whole exchange is bounded by {@code timeout}.
 */
public final class HttpAuthBackend implements AuthBackend {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient client;
    private final Duration timeout;

    public HttpAuthBackend(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    @Override
    public CompletableFuture<BackendAnswer> ask(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(timeout)
                .header("User-Agent", "Cascade").build();
        try {
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .thenApply(HttpAuthBackend::answer)
                    .orTimeout(timeout.toMillis() + 100, TimeUnit.MILLISECONDS)
                    .exceptionally(HttpAuthBackend::failure);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(BackendAnswer.failed("request refused: " + e.getMessage()));
        }
    }

    private static BackendAnswer answer(HttpResponse<InputStream> r) {
        try (InputStream ignored = r.body()) {
            return BackendAnswer.of(r.statusCode(), r.headers());
        } catch (IOException e) {
            return BackendAnswer.of(r.statusCode(), r.headers());
        }
    }

    private static BackendAnswer failure(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return BackendAnswer.failed("timed out");
        }
        return BackendAnswer.failed("unreachable (" + cause.getClass().getSimpleName() + ")");
    }
}
