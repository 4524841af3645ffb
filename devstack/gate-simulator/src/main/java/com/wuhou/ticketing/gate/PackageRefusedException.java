package com.wuhou.ticketing.gate;

/** An offline package the gate will not use (bad or missing signature, wrong date); the stored one is kept. */
public class PackageRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PackageRefusedException(String message) {
        super(message);
    }
}
