/**
 * What gates and other services exchange with checkin-service: the verification answer, the offline
 * package and scan upload, and the events checkin-service publishes. Plain records, no Spring.
 */
package com.wuhou.ticketing.checkin.api;
