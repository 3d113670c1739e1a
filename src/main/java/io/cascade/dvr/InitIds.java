package io.cascade.dvr;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Init segments are stored and named by content: the first 16 hex digits of their SHA-256. The
 * same tracks give the same name on every server and after every restart (an init's version
 * number restarts with the process), so a name in an archive playlist always means one init.
 */
public final class InitIds {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

    private InitIds() {
    }

    public static String of(byte[] initBytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(initBytes);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The init's number on the cluster's wire (M4F names inits by a 32-bit version): the first
     * 8 hex digits of its name, so it is the same on every server and after every restart.
     */
    public static int version(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("invalid init id " + id);
        }
        return Integer.parseUnsignedInt(id.substring(0, 8), 16);
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
