package com.wuhou.ticketing.platform.access;

/**
 * The platform's access rule: operator paths ({@code /admin/**}, but the login) need an operator
 * token, gate paths ({@code /checkin/**}) a device signature, the rest nothing. The gateway decides
 * with it before routing, and every service again before its handlers (defence in depth), both on the
 * path as sent. A path that is not canonical, or that is a protected path in another case, is refused
 * by both: with 401 when some spelling of it is protected (a probe learns nothing a missing token
 * would not tell it), with 400 otherwise.
 */
public final class Access {

    /** The operator login: the one operator path that needs no token. */
    public static final String LOGIN = "/admin/v1/auth/login";

    /** What a request must carry. */
    public enum Needs {
        NOTHING,
        OPERATOR_TOKEN,
        DEVICE_SIGNATURE
    }

    /**
     * The decision on one request.
     *
     * @param needs the credential it needs (for a refused path: what its protected spelling would need)
     * @param canonical false when the path must be refused whatever the request carries
     */
    public record Decision(Needs needs, boolean canonical) {

        /** A refused path that some spelling makes a protected one: answer as if the credential were missing. */
        public boolean refusedAsUnauthenticated() {
            return !canonical && needs != Needs.NOTHING;
        }
    }

    private Access() {}

    /**
     * Decides on a request.
     *
     * @param method the HTTP method, in upper case
     * @param rawPath the path as sent, before any decoding (without the query)
     */
    public static Decision decide(String method, String rawPath) {
        Needs asSpelled = rule(method, rawPath == null ? "" : rawPath);
        Needs anySpelling = rule(method, CanonicalPath.loosely(rawPath));
        boolean canonical = CanonicalPath.isCanonical(rawPath) && asSpelled == anySpelling;
        return new Decision(anySpelling != Needs.NOTHING ? anySpelling : asSpelled, canonical);
    }

    private static Needs rule(String method, String path) {
        if (under(path, "/admin")) {
            return "POST".equals(method) && path.equals(LOGIN) ? Needs.NOTHING : Needs.OPERATOR_TOKEN;
        }
        if (under(path, "/checkin")) {
            return Needs.DEVICE_SIGNATURE;
        }
        return Needs.NOTHING;
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
