package io.cascade.http;

/** One family of URLs. Routes are asked in order; the first that takes a request answers it. */
public interface Route {
    /**
     * Answers the request (now or later) and returns true, or returns false to let the next
     * route try. Runs on the event loop: must not block.
     */
    boolean handle(HttpExchange exchange) throws Exception;
}
