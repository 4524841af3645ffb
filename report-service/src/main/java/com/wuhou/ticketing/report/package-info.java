/** report-service: Sales, finance, channel and visitor-flow reports with exports. Feature packages live below this one. */
package com.wuhou.ticketing.report;
