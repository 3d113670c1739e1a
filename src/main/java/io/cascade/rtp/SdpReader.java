package io.cascade.rtp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the parts of an SDP (RFC 4566) an RTP receiver needs: media lines, {@code rtpmap},
 * {@code fmtp} and {@code control}. Everything else is skipped; what a peer sends is bounded
 * (text size, media sections, parameters) before it is kept.
 */
public final class SdpReader {
    public static final int MAX_BYTES = 64 * 1024;
    static final int MAX_MEDIA = 16;
    static final int MAX_PARAMETERS = 64;
    static final int MAX_VALUE_CHARS = 8192;

    private SdpReader() {
    }

    /** @throws RtpFormatException when the text is no SDP or breaks a bound */
    public static SdpSession read(String text) throws RtpFormatException {
        if (text.length() > MAX_BYTES) {
            throw new RtpFormatException("SDP longer than " + MAX_BYTES + " characters");
        }
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || !lines[0].trim().equals("v=0")) {
            throw new RtpFormatException("SDP does not start with v=0");
        }
        String sessionControl = "";
        List<Builder> media = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.trim();
            if (line.length() < 2 || line.charAt(1) != '=') {
                if (!line.isEmpty()) {
                    throw new RtpFormatException("SDP line is not type=value");
                }
                continue;
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                if (media.size() == MAX_MEDIA) {
                    throw new RtpFormatException("more than " + MAX_MEDIA + " SDP media sections");
                }
                media.add(mediaLine(value));
            } else if (type == 'a') {
                String name = value.contains(":") ? value.substring(0, value.indexOf(':')) : value;
                String arg = value.contains(":") ? value.substring(value.indexOf(':') + 1).trim() : "";
                if (media.isEmpty()) {
                    if (name.equals("control")) {
                        sessionControl = arg;
                    }
                } else {
                    media.getLast().attribute(name, arg);
                }
            }
        }
        List<SdpMedia> out = new ArrayList<>();
        for (Builder b : media) {
            out.add(b.build());
        }
        return new SdpSession(sessionControl, out);
    }

    private static Builder mediaLine(String value) throws RtpFormatException {
        String[] parts = value.trim().split("\\s+");
        if (parts.length < 4) {
            throw new RtpFormatException("SDP media line has fewer than 4 fields");
        }
        Builder b = new Builder();
        b.kind = parts[0].toLowerCase(Locale.ROOT);
        b.payloadType = number(parts[3], 127, "payload type");
        return b;
    }

    private static int number(String s, int max, String what) throws RtpFormatException {
        String t = s.trim();
        if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(Character::isDigit) || Integer.parseInt(t) > max) {
            throw new RtpFormatException("SDP " + what + " is no number up to " + max);
        }
        return Integer.parseInt(t);
    }

    /** The attributes of one media section as they come. */
    private static final class Builder {
        String kind;
        int payloadType;
        String encoding = "";
        int clockRate;
        int channels = 1;
        final Map<String, String> format = new HashMap<>();
        String control = "";

        void attribute(String name, String arg) throws RtpFormatException {
            switch (name) {
                case "rtpmap" -> rtpmap(arg);
                case "fmtp" -> fmtp(arg);
                case "control" -> control = arg;
                default -> { }
            }
        }

        private void rtpmap(String arg) throws RtpFormatException {
            String[] pt = arg.split("\\s+", 2);
            if (pt.length != 2 || number(pt[0], 127, "rtpmap payload type") != payloadType) {
                return; // another format of the section: only the first is used
            }
            String[] enc = pt[1].trim().split("/");
            if (enc.length < 2) {
                throw new RtpFormatException("SDP rtpmap without clock rate");
            }
            encoding = enc[0];
            clockRate = number(enc[1], 1_000_000, "clock rate");
            if (clockRate == 0) {
                throw new RtpFormatException("SDP clock rate 0");
            }
            if (enc.length > 2) {
                channels = Math.max(1, number(enc[2], 64, "channel count"));
            }
        }

        private void fmtp(String arg) throws RtpFormatException {
            String[] pt = arg.split("\\s+", 2);
            if (pt.length != 2 || number(pt[0], 127, "fmtp payload type") != payloadType) {
                return;
            }
            for (String p : pt[1].split(";")) {
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = p.substring(eq + 1).trim();
                if (value.length() > MAX_VALUE_CHARS || format.size() == MAX_PARAMETERS) {
                    throw new RtpFormatException("SDP fmtp parameters too large");
                }
                format.put(key, value);
            }
        }

        SdpMedia build() throws RtpFormatException {
            if (encoding.isEmpty()) {
                encoding = staticEncoding(payloadType);
                clockRate = encoding.isEmpty() ? 90_000 : (payloadType == 26 || payloadType == 33 ? 90_000 : 8000);
            }
            return new SdpMedia(kind, payloadType, encoding, clockRate, channels, format, control);
        }

        private static String staticEncoding(int pt) {
            return switch (pt) {
                case 0 -> "PCMU";
                case 8 -> "PCMA";
                case 26 -> "JPEG";
                case 33 -> "MP2T";
                default -> "";
            };
        }
    }
}
