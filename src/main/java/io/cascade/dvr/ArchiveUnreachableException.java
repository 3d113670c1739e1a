package io.cascade.dvr;

/**
 * An archive that lives elsewhere (a cluster source's) cannot be reached now: the archive
 * routes answer 503, not 404 or 500, so a player retries rather than gives up.
 */
public final class ArchiveUnreachableException extends RuntimeException {
    public ArchiveUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code e} or one of its causes says an archive is unreachable. */
    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ArchiveUnreachableException) {
                return true;
            }
        }
        return false;
    }
}
