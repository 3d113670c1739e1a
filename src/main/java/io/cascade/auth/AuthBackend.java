package io.cascade.auth;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** Asks an {@code on_play} backend; never blocks the caller, always completes (a failure is an answer). */
public interface AuthBackend {
    CompletableFuture<BackendAnswer> ask(URI request);
}
