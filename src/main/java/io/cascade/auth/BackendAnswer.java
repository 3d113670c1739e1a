package io.cascade.auth;

import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the {@code on_play} backend said, bounded where it enters.
 *
 * @param verdict         allow (200, 302), deny (any other status) or failed (no answer in
 *                        time, unreachable, 5xx)
 * @param status          the HTTP status, 0 when there was none
 * @param durationSeconds how long the verdict holds ({@code X-AuthDuration}, default 30 s)
 * @param userId          {@code X-UserId}
 * @param maxSessions     {@code X-Max-Sessions}: concurrent sessions allowed to that user
 * @param unique          {@code X-Unique: true}: the user's other sessions are closed
 * @param failure         why there was no verdict, "" when there was one
 */
public record BackendAnswer(Verdict verdict, int status, long durationSeconds, Optional<String> userId,
                            OptionalInt maxSessions, boolean unique, String failure) {
    public enum Verdict { ALLOW, DENY, FAILED }

    public static final long DEFAULT_DURATION_SECONDS = 30;
    /** A day: longer decisions are taken as that. */
    static final long MAX_DURATION_SECONDS = 86_400;
    static final int MAX_USER_ID = 256;
    static final int MAX_SESSIONS_LIMIT = 1_000_000;

    public static BackendAnswer failed(String why) {
        return new BackendAnswer(Verdict.FAILED, 0, DEFAULT_DURATION_SECONDS, Optional.empty(), OptionalInt.empty(),
                false, why);
    }

    /** The answer a status and headers make. */
    public static BackendAnswer of(int status, HttpHeaders headers) {
        if (status >= 500) {
            return new BackendAnswer(Verdict.FAILED, status, DEFAULT_DURATION_SECONDS, Optional.empty(),
                    OptionalInt.empty(), false, "status " + status);
        }
        Verdict v = status == 200 || status == 302 ? Verdict.ALLOW : Verdict.DENY;
        Optional<String> user = headers.firstValue("X-UserId").map(String::strip).filter(u -> !u.isEmpty())
                .map(u -> u.length() > MAX_USER_ID ? u.substring(0, MAX_USER_ID) : u);
        return new BackendAnswer(v, status, duration(headers.firstValue("X-AuthDuration")), user,
                maxSessions(headers.firstValue("X-Max-Sessions")),
                headers.firstValue("X-Unique").map(u -> u.strip().equalsIgnoreCase("true")).orElse(false), "");
    }

    static long duration(Optional<String> header) {
        return header.flatMap(BackendAnswer::number).map(n -> Math.clamp(n, 1, MAX_DURATION_SECONDS))
                .orElse(DEFAULT_DURATION_SECONDS);
    }

    static OptionalInt maxSessions(Optional<String> header) {
        return header.flatMap(BackendAnswer::number).filter(n -> n >= 0)
                .map(n -> OptionalInt.of((int) Math.min(n, MAX_SESSIONS_LIMIT))).orElse(OptionalInt.empty());
    }

    private static Optional<Long> number(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 12 || !t.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(t));
    }

    /** How the answer reads in a log line. */
    public String describe() {
        return status > 0 ? "backend status " + status : "backend " + failure;
    }
}
