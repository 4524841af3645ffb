package com.wuhou.ticketing.platform.access;

import java.util.List;

/**
 * Who a request comes from, as the receiving service verified it itself (an operator token's subject,
 * or the principal of the key that signed the request). Services keep it in the request attribute
 * {@value #ATTRIBUTE}; nothing a caller sends can set it.
 *
 * @param kind an operator or a signer (a gate device, later a channel)
 * @param name the operator's username, or the signer's principal ({@code device:<id>})
 * @param roles the operator's roles (none for signers)
 */
public record Caller(Kind kind, String name, List<String> roles) {

    /** The request attribute that holds the verified caller. */
    public static final String ATTRIBUTE = "com.wuhou.ticketing.platform.access.Caller";

    public enum Kind {
        OPERATOR,
        SIGNER
    }

    public Caller {
        roles = List.copyOf(roles);
    }

    public static Caller operator(String username, List<String> roles) {
        return new Caller(Kind.OPERATOR, username, roles);
    }

    public static Caller signer(String principal) {
        return new Caller(Kind.SIGNER, principal, List.of());
    }
}
