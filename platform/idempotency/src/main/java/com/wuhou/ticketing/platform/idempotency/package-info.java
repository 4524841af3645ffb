/**
 * {@code Idempotency-Key} for creating POSTs: {@link com.wuhou.ticketing.platform.idempotency.IdempotentRequests}
 * runs an action at most once per key and replays its first answer, with the records in MySQL
 * (table {@code idempotency_record}, migration {@code db/platform/V0_2__idempotency_record.sql}).
 */
package com.wuhou.ticketing.platform.idempotency;
