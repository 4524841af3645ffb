package com.wuhou.ticketing.platform.idempotency;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A tiny web application with {@link ThingController}, to test the library through real HTTP. */
@SpringBootApplication
class IdempotencyTestApplication {}
