/** order-service: Orders, payments, refunds and signed e-tickets. Feature packages live below this one. */
package com.wuhou.ticketing.order;
