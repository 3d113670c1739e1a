package io.cascade.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Keys refused until a time: cached denials (a backend's "no" holds its X-AuthDuration) and
 * banned tokens. Bounded: past {@link #MAX} keys the expired go, and if that is not enough, all.
 */
final class TimedRefusals<K> {
    static final int MAX = 100_000;

    private final Map<K, Long> until = new ConcurrentHashMap<>();

    void refuse(K key, long untilMillis, long now) {
        if (until.size() >= MAX) {
            purge(now);
        }
        until.merge(key, untilMillis, Math::max);
    }

    boolean isRefused(K key, long now) {
        Long u = until.get(key);
        if (u == null) {
            return false;
        }
        if (u <= now) {
            until.remove(key, u);
            return false;
        }
        return true;
    }

    void purge(long now) {
        until.values().removeIf(u -> u <= now);
        if (until.size() >= MAX) {
            until.clear();
        }
    }

    void forget(Predicate<K> which) {
        until.keySet().removeIf(which);
    }

    int size() {
        return until.size();
    }
}
