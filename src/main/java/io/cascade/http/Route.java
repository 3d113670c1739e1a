package io.cascade.http;

/** One family of URLs. Routes are asked in order; the first that takes a request answers it. */
public interface Route {
    /**
     * Answers the request (now or later) and returns true, or returns false to let the next
     * route try. Runs on the event loop: must not block.
     */
    boolean handle(HttpExchange exchange) throws Exception;

    /** True for a route that also answers POST, PUT and DELETE (an API); others only see GET and HEAD. */
    default boolean takesWrites() {
        return false;
    }
}
