package com.wuhou.ticketing.platform.signedrequest;

import java.util.Optional;

/**
 * Where a service that receives signed requests finds a key by its id: its own source of truth (for
 * checkin-service, its device table), not the gateway's copy in Redis.
 */
@FunctionalInterface
public interface SigningKeyLookup {

    /** The key with this id (active or revoked), or empty when none was ever issued. */
    Optional<SigningKey> find(String keyId);
}
