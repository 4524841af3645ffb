/**
 * Transactional outbox: {@link com.wuhou.ticketing.platform.outbox.Outbox} writes an event in the
 * caller's transaction (table {@code outbox_event}, migration {@code db/platform/V0_3__outbox_event.sql});
 * {@link com.wuhou.ticketing.platform.outbox.OutboxRelay} copies committed events to a Redis stream.
 */
package com.wuhou.ticketing.platform.outbox;
