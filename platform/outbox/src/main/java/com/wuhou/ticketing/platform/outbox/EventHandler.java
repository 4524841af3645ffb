package com.wuhou.ticketing.platform.outbox;

/**
 * Applies one event. It runs in the consumer's local transaction, together with the record that the
 * event was consumed; throwing rolls both back and the event is delivered again later.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(StreamEvent event);
}
