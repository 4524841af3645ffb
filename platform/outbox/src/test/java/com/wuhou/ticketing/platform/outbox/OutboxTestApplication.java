package com.wuhou.ticketing.platform.outbox;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with nothing but the outbox, on real MySQL and Redis. */
@SpringBootApplication
class OutboxTestApplication {}
