/** channel-service: OTA channels: keys, inbound bookings, outbound webhooks, statements. Feature packages live below this one. */
package com.wuhou.ticketing.channel;
