package com.wuhou.ticketing.inventory.api;

import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code POST} {@link HoldPaths#ABANDONMENT}: the taker made nothing of the hold (its own write
 * failed, or it never learnt whether the hold was taken). Inventory forgets the places still held
 * under it, rows and admission, as if it had never been taken; sold places are never touched.
 *
 * @param sessionId the hold's session: inventory finds an admission that never reached its ledger by
 *     the session's date
 */
public record Abandonment(@NotNull Long sessionId) {}
