package io.cascade.rtsp;

import java.util.Map;

/** The status codes this server answers (RFC 2326 7.1.1, and 431 from RFC 6585 for oversized headers). */
public final class RtspStatus {
    public static final int OK = 200;
    public static final int BAD_REQUEST = 400;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int METHOD_NOT_ALLOWED = 405;
    public static final int REQUEST_ENTITY_TOO_LARGE = 413;
    public static final int REQUEST_URI_TOO_LARGE = 414;
    public static final int HEADER_FIELDS_TOO_LARGE = 431;
    public static final int SESSION_NOT_FOUND = 454;
    public static final int METHOD_NOT_VALID_IN_THIS_STATE = 455;
    public static final int AGGREGATE_OPERATION_NOT_ALLOWED = 459;
    public static final int UNSUPPORTED_TRANSPORT = 461;
    public static final int INTERNAL_SERVER_ERROR = 500;
    public static final int NOT_IMPLEMENTED = 501;
    public static final int SERVICE_UNAVAILABLE = 503;
    public static final int VERSION_NOT_SUPPORTED = 505;

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(OK, "OK"), Map.entry(BAD_REQUEST, "Bad Request"), Map.entry(FORBIDDEN, "Forbidden"),
            Map.entry(NOT_FOUND, "Not Found"), Map.entry(METHOD_NOT_ALLOWED, "Method Not Allowed"),
            Map.entry(REQUEST_ENTITY_TOO_LARGE, "Request Entity Too Large"),
            Map.entry(REQUEST_URI_TOO_LARGE, "Request-URI Too Large"),
            Map.entry(HEADER_FIELDS_TOO_LARGE, "Request Header Fields Too Large"),
            Map.entry(SESSION_NOT_FOUND, "Session Not Found"),
            Map.entry(METHOD_NOT_VALID_IN_THIS_STATE, "Method Not Valid in This State"),
            Map.entry(AGGREGATE_OPERATION_NOT_ALLOWED, "Aggregate Operation Not Allowed"),
            Map.entry(UNSUPPORTED_TRANSPORT, "Unsupported Transport"),
            Map.entry(INTERNAL_SERVER_ERROR, "Internal Server Error"), Map.entry(NOT_IMPLEMENTED, "Not Implemented"),
            Map.entry(SERVICE_UNAVAILABLE, "Service Unavailable"),
            Map.entry(VERSION_NOT_SUPPORTED, "RTSP Version Not Supported"));

    private RtspStatus() {
    }

    public static String reason(int status) {
        return REASONS.getOrDefault(status, status < 300 ? "OK" : "Error");
    }
}
