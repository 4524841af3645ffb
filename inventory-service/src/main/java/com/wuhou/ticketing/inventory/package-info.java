/** inventory-service: Ticket types, opening calendar, time slots, capacity and holds. Feature packages live below this one. */
package com.wuhou.ticketing.inventory;
