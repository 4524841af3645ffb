/**
 * Audit trail: who changed what, when, and the state before and after, written in the transaction of
 * the change and readable by operators at {@code GET /admin/v1/audit-records}.
 */
package com.wuhou.ticketing.platform.audit;
