/** checkin-service: Gate devices, ticket verification, offline packages and live headcount. Feature packages live below this one. */
package com.wuhou.ticketing.checkin;
