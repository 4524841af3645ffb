package com.wuhou.ticketing.platform.access;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The one spelling of a path that the platform routes: it starts with {@code /}, has no empty,
 * {@code .} or {@code ..} segments, no {@code ;} parameters or backslashes, and percent-encodes
 * nothing that could be written plainly (only bytes of non-ASCII characters may be encoded). A router
 * and a filter reading such a path cannot disagree about what it names.
 */
public final class CanonicalPath {

    /** How many layers of percent-encoding {@link #loosely} peels off (double encoding and more). */
    private static final int DECODE_ROUNDS = 4;

    private CanonicalPath() {}

    /** Whether {@code rawPath} (as sent, before any decoding) is in canonical form. */
    public static boolean isCanonical(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return false;
        }
        int n = rawPath.length();
        for (int i = 0; i < n; i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                int value = i + 2 < n ? hex(rawPath.charAt(i + 1)) * 16 + hex(rawPath.charAt(i + 2)) : -1;
                // ASCII must be sent as itself: an encoded letter, dot or slash only hides what it is.
                if (value < 0x80) {
                    return false;
                }
                i += 2;
            } else if (!plain(c)) {
                return false;
            }
        }
        if (rawPath.equals("/")) {
            return true;
        }
        for (String segment : rawPath.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * What a lenient reader could take {@code rawPath} to mean: percent-decoded again and again,
     * backslashes as slashes, {@code ;} parameters, empty and dot segments removed, in lower case.
     * Used only to decide whether a path that is refused looks like a protected one.
     */
    public static String loosely(String rawPath) {
        String path = rawPath == null ? "" : rawPath;
        for (int round = 0; round < DECODE_ROUNDS && path.indexOf('%') >= 0; round++) {
            String decoded = decode(path);
            if (decoded.equals(path)) {
                break;
            }
            path = decoded;
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            int parameters = segment.indexOf(';');
            String name = (parameters >= 0 ? segment.substring(0, parameters) : segment).strip();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(name);
            }
        }
        return ("/" + String.join("/", segments)).toLowerCase(Locale.ROOT);
    }

    /** RFC 3986 unreserved characters, sub-delimiters but {@code ;}, {@code :}, {@code @} and {@code /}. */
    private static boolean plain(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,=:@/".indexOf(c) >= 0;
    }

    private static int hex(char c) {
        return Character.digit(c, 16) < 0 ? -1024 : Character.digit(c, 16);
    }

    /** Percent-decodes what can be decoded and keeps the rest as it is. */
    private static String decode(String path) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
        int n = path.length();
        for (int i = 0; i < n; i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < n && hex(path.charAt(i + 1)) >= 0 && hex(path.charAt(i + 2)) >= 0) {
                bytes.write(hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2)));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
