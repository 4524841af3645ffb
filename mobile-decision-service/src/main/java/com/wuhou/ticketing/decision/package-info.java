/** mobile-decision-service: Executive dashboard and its API, fed by one-way data sync. Feature packages live below this one. */
package com.wuhou.ticketing.decision;
